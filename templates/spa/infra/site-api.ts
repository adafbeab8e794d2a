import { config } from './config.js';
import { ApiDistribution } from './constructs/api-distribution.js';
import { originKey } from './constructs/origin-key.js';
import type { ServiceStack } from './stacks/service-stack.js';
import type { SiteStack } from './stacks/site-stack.js';

/**
 * Makes one service's API reachable from the site, as `site.apiAccess` says, and returns
 * the URL of its collection that the SPA finds in config.json.
 */
export function connectApi(site: SiteStack, stack: ServiceStack): string {
  const { service, api } = stack;
  switch (site.apiAccess) {
    case 'direct':
      return api.restApi.urlForPath(`/${service}`);
    case 'cloudfront': {
      const cdn = new ApiDistribution(stack, 'Cdn', { api: api.restApi, logBucket: site.cloudFrontLogs });
      return `https://${cdn.distribution.distributionDomainName}/${service}`;
    }
    case 'same-origin':
      // One service takes all of /api/*; several share it by name (`/api/orders*` also matches /api/orders itself).
      site.addApi(config.services.length === 1 ? '/api/*' : `/api/${service}*`, api.restApi, originKey(api, api.restApi));
      return `/api/${service}`;
  }
}
