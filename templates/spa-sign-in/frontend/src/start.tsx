import type { ReactNode } from 'react';
import { Account } from './Account.js';
import { apiUrl, type RuntimeConfig } from './config.js';
import { itemsApi } from './items-api.js';
import { service } from './service.js';
import { type SignInConfig, startSession } from './session.js';

/** The API needs a signed-in user: finish a sign-in that is coming back, then show who is signed in. */
export async function start(config: RuntimeConfig): Promise<ReactNode> {
  const signIn = (config as RuntimeConfig & { auth?: SignInConfig }).auth;
  if (!signIn) throw new Error('/config.json has no "auth": the API needs a signed-in user.');
  const session = await startSession(signIn);
  const url = apiUrl(config, service);
  // Each call asks the session for its current token: renewals reach the API without a reload.
  const api = itemsApi(url, fetch, session);
  return <Account session={session} api={api} title={`Your ${service}`} apiUrl={url} />;
}
