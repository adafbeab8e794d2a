import type { ReactNode } from 'react';
import { App } from './App.js';
import { apiUrl, type RuntimeConfig } from './config.js';
import { itemsApi } from './items-api.js';
import { service } from './service.js';

/** The API is open to anyone (generated without --auth cognito): straight to the items. */
export async function start(config: RuntimeConfig): Promise<ReactNode> {
  const url = apiUrl(config, service);
  return <App api={itemsApi(url)} title={`Your ${service}`} apiUrl={url} />;
}
