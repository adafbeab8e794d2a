import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { apiUrl, loadConfig } from './config.js';
import { itemsApi } from './items-api.js';
import { service } from './service.js';
import './style.css';

const root = createRoot(document.getElementById('root')!);

loadConfig()
  .then((config) => itemsApi(apiUrl(config, service)))
  .then(
    (api) =>
      root.render(
        <StrictMode>
          <App api={api} title={`Your ${service}`} />
        </StrictMode>,
      ),
    (error: unknown) => root.render(<p role="alert">{error instanceof Error ? error.message : String(error)}</p>),
  );
