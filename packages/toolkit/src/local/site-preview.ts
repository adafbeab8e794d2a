import { join } from 'node:path';
import { build } from 'vite';
import { LocalDistribution } from './local-distribution.js';
import { startEdgeFunction } from './local-edge.js';
import type { listen } from './local-server.js';
import type { LocalStack } from './local-stack.js';
import { siteConfig } from './site-config.js';

/**
 * `npm run preview`: the SPA built for production (`vite build`) and served as its
 * CloudFront distribution serves it, in front of the local stack.
 */
export async function startSitePreview(root: string, stack: LocalStack, site: Awaited<ReturnType<typeof listen>>, log: (line: string) => void) {
  await build({ configFile: join(root, 'frontend', 'vite.config.ts'), logLevel: 'warn' });
  const edge = await startEdgeFunction(root, stack);
  const distribution = new LocalDistribution({
    app: stack.app,
    siteFiles: join(root, 'frontend', 'dist'),
    config: siteConfig(stack.app),
    edgeFunction: edge?.run,
    log,
  });
  site.serve((request, response, body) => distribution.handle(request, response, body));
  return {
    origin: site.origin,
    close: async () => {
      await edge?.close();
      await site.close();
    },
  };
}
