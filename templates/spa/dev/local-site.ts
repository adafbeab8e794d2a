import { listen } from './local-server.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './local-stack.js';
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
 * origin the APIs allow with CORS and the address sign-in returns to.
 */
export async function startLocalSite(options: LocalSiteOptions): Promise<LocalStack> {
  const siteServer = await listen(options.sitePort);
  const stack = await startLocalStack({ ...options, siteOrigin: siteServer.origin });
  const log = options.log ?? (() => {});
  const site = options.preview
    ? await startSitePreview(options.root, stack, siteServer, log)
    : await startSiteDevServer(options.root, stack, siteServer);
  stack.endpoints.site = site.origin;
  stack.summary.unshift(['Site', `${site.origin} (${options.preview ? 'frontend/dist, served as the CloudFront distribution serves it' : "Vite's dev server, with hot reload"})`]);
  return {
    ...stack,
    close: async () => {
      await site.close();
      await stack.close();
    },
  };
}
