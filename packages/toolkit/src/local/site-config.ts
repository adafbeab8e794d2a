import type { LocalApp } from './local-app.js';
import { collectionUrls, RestApis } from './rest-api.js';

/** What a site's /config.json holds: the APIs' URLs by name, and how the SPA signs in (if it does). */
export interface RuntimeConfig {
  readonly apis: Readonly<Record<string, string>>;
  readonly auth?: { readonly authority: string; readonly signInUrl: string; readonly signOutPath?: string; readonly [setting: string]: unknown };
}

/**
 * A custom resource that writes the APIs' origins into a response headers policy's CSP
 * (`connect-src`) once they exist: create-serverless-pattern's sites have it, with the policy's
 * id (`PolicyId`) and the origins (`ConnectSources`). Locally the policy gets the local origins.
 */
export const connectSourcesResourceType = 'Custom::SiteConnectSources';

/** The policy with its `connect-src` directive replaced by (or added as) `'self'` and `sources`. */
export function withConnectSources(policy: string, sources: readonly string[]): string {
  const connect = `connect-src ${["'self'", ...sources].join(' ')}`;
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const at = directives.findIndex((directive) => directive.split(/\s+/)[0] === 'connect-src');
  if (at === -1) directives.push(connect);
  else directives[at] = connect;
  return directives.join('; ');
}

/**
 * The site's /config.json as the deployment writes it (the app's `serverless-pattern:site-config` metadata), with local
 * addresses: the APIs on the local stack, sign-in at the local issuer. An app without that
 * metadata gets each API's collection URL, as .dev/endpoints.json lists them.
 */
export function siteConfig(app: LocalApp): RuntimeConfig {
  if (app.description.siteConfig === undefined) return { apis: collectionUrls(app, new RestApis(app)) };
  const region = app.resources[0]?.region ?? 'us-east-1';
  return JSON.parse(app.forBrowser(JSON.stringify(app.resolve(app.description.siteConfig, region))));
}

/** For Vite's dev server, which runs no sign-in gate: the SPA signs out at the issuer itself. */
export function withoutSignInGate({ auth, ...config }: RuntimeConfig): RuntimeConfig {
  if (!auth) return config;
  const { signOutPath: _gate, ...signIn } = auth;
  return { ...config, auth: signIn };
}

/**
 * The path prefixes the site's distribution sends to an API (`/api/`, or `/api/orders` for one
 * of several services), each with the headers CloudFront adds on the way (the API's key): on
 * the same origin as the site, so the dev server proxies them too.
 */
export function apiBehaviors(app: LocalApp): { readonly prefix: string; readonly headers: Readonly<Record<string, string>> }[] {
  type Origin = { Id: string; DomainName: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[] };
  return app.ofType('AWS::CloudFront::Distribution').flatMap((distribution) => {
    const { CacheBehaviors = [], Origins = [] } = distribution.properties.DistributionConfig ?? {};
    const apiOrigins = new Map((Origins as Origin[]).filter((origin) => isApiOrigin(app, origin.DomainName)).map((origin) => [origin.Id, origin]));
    return (CacheBehaviors as { PathPattern: string; TargetOriginId: string }[]).flatMap((behavior) => {
      const origin = apiOrigins.get(behavior.TargetOriginId);
      if (!origin) return [];
      const headers = Object.fromEntries((origin.OriginCustomHeaders ?? []).map(({ HeaderName, HeaderValue }) => [HeaderName.toLowerCase(), HeaderValue]));
      return [{ prefix: behavior.PathPattern.replace(/\*.*$/, ''), headers }];
    });
  });
}

/** An origin that is one of the app's APIs (whose execute-api address resolves to the local stack's). */
export function isApiOrigin(app: LocalApp, domainName: string): boolean {
  return domainName === new URL(app.origin).host;
}
