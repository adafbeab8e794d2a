import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config.js';
import { start } from './start.js';
import './style.css';

const root = createRoot(document.getElementById('root')!);

// start.tsx decides what the app shows first (with --auth cognito: the signed-in state).
loadConfig()
  .then(start)
  .then(
    (page) => root.render(<StrictMode>{page}</StrictMode>),
    (error: unknown) => root.render(<p role="alert">{error instanceof Error ? error.message : String(error)}</p>),
  );
