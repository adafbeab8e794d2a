import { join } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { listen } from './local-server.js';
import type { LocalStack } from './local-stack.js';
import { apiBehaviors, siteConfig, withoutSignInGate } from './site-config.js';

/**
 * The SPA on Vite's dev server (hot reload), wired to the local stack: `/config.json` comes
 * from the running stack (the shape the deployment writes, less the sign-in gate, which runs
 * only in `npm run preview`), and on a shared distribution the API paths (`/api/…`) are
 * proxied to the local APIs as CloudFront routes them, with the headers it adds.
 */
export async function startSiteDevServer(root: string, stack: LocalStack, site: Awaited<ReturnType<typeof listen>>) {
  const config = JSON.stringify(withoutSignInGate(siteConfig(stack.app)));
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
  // As the distribution routes them, with what it adds (the API key; it replaces a viewer's).
  const proxy = Object.fromEntries(apiBehaviors(stack.app).map(({ prefix, headers }) => [prefix, { target: stack.app.origin, headers }]));
  // Middleware mode on the local stack's own server: Ctrl-C and the port stay the local stack's.
  const vite = await createServer({
    configFile: join(root, 'frontend', 'vite.config.ts'),
    plugins: [runtimeConfig],
    appType: 'spa',
    server: { middlewareMode: true, hmr: { server: site.server }, proxy },
    clearScreen: false,
    logLevel: 'warn',
  });
  site.serveRaw(vite.middlewares);
  return {
    origin: site.origin,
    close: async () => {
      await vite.close();
      await site.close();
    },
  };
}
