import { LocalDistribution } from './local-distribution.js';
import { listen } from './local-server.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './local-stack.js';
import { siteConfig } from './site-config.js';
import { startSiteDevServer } from './site-dev.js';
import { startSitePreview } from './site-preview.js';

export interface LocalSiteOptions extends Omit<LocalStackOptions, 'siteOrigin'> {
  /** Where the site listens; 0 picks a free port. */
  readonly sitePort: number;
  /** Serve the production build as the distribution does, rather than Vite's dev server. */
  readonly preview: boolean;
}

/**
 * The local stack and the site in front of it. The site's address comes first: it is the
 * origin the APIs allow with CORS and the address sign-in returns to. Each API's own
 * distribution, if any, is served too, and the endpoints are what the SPA calls: its
 * config.json's, through the site or those distributions, which add the API keys.
 */
export async function startLocalSite(options: LocalSiteOptions): Promise<LocalStack> {
  const siteServer = await listen(options.sitePort);
  const stack = await startLocalStack({ ...options, siteOrigin: siteServer.origin });
  const log = options.log ?? (() => {});
  for (const { distribution, server } of stack.apiDistributions) {
    const local = new LocalDistribution({ app: stack.app, distribution, log });
    server.serve((request, response, body) => local.handle(request, response, body));
  }
  const site = options.preview
    ? await startSitePreview(options.root, stack, siteServer, log)
    : await startSiteDevServer(options.root, stack, siteServer);
  // Without a trailing slash, as the local stack names them (an API at the root is its origin).
  const apis = Object.fromEntries(Object.entries(siteConfig(stack.app).apis).map(([service, url]) => [service, new URL(url, site.origin).href.replace(/\/$/, '')]));
  const summary = stack.summary.map(([label, value]) => [label, apis[/^API (\w+)$/.exec(label)?.[1] ?? ''] ?? value] as const);
  summary.unshift(['Site', `${site.origin} (${options.preview ? 'frontend/dist, served as the CloudFront distribution serves it' : "Vite's dev server, with hot reload"})`]);
  return {
    ...stack,
    endpoints: { ...stack.endpoints, apis, site: site.origin },
    summary,
    close: async () => {
      await site.close();
      await stack.close();
    },
  };
}
