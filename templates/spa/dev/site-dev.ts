import { join } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { LocalStack } from './local-stack.js';
import { apiPathPrefixes, siteConfig } from './site-config.js';

/**
 * The SPA on Vite's dev server (hot reload), wired to the local stack: `/config.json` comes
 * from the running stack (the shape the deployment writes), and on a shared distribution the
 * API paths (`/api/…`) are proxied to the local APIs as CloudFront routes them.
 */
export async function startSiteDevServer(root: string, stack: LocalStack, port: number) {
  const config = JSON.stringify(siteConfig(stack.app));
  const runtimeConfig: Plugin = {
    name: 'local-runtime-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.setHeader('cache-control', 'no-store');
        response.end(config);
      });
    },
  };
  const proxy = Object.fromEntries(apiPathPrefixes(stack.app).map((prefix) => [prefix, { target: stack.app.origin }]));
  const server = await createServer({
    configFile: join(root, 'frontend', 'vite.config.ts'),
    plugins: [runtimeConfig],
    server: { host: '127.0.0.1', port, strictPort: true, proxy },
    clearScreen: false,
    logLevel: 'warn',
  });
  await server.listen();
  return { origin: `http://localhost:${port}`, close: () => server.close() };
}
