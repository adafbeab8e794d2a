import type { RuntimeConfig } from '../infra/page-policy.js';
import type { LocalApp } from './local-app.js';

/**
 * The site's /config.json as the deployment writes it (SiteContentStack), with local
 * addresses: the APIs on the local stack, sign-in at the local issuer.
 */
export function siteConfig(app: LocalApp): RuntimeConfig {
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
 * of several services): on the same origin as the site, so the dev server proxies them too.
 */
export function apiPathPrefixes(app: LocalApp): string[] {
  return app
    .ofType('AWS::CloudFront::Distribution')
    .flatMap((distribution) => {
      const { CacheBehaviors = [], Origins = [] } = distribution.properties.DistributionConfig ?? {};
      const apiOrigins = new Set((Origins as { Id: string; DomainName: string }[]).filter((origin) => isApiOrigin(app, origin.DomainName)).map((origin) => origin.Id));
      return (CacheBehaviors as { PathPattern: string; TargetOriginId: string }[]).filter((behavior) => apiOrigins.has(behavior.TargetOriginId));
    })
    .map((behavior) => behavior.PathPattern.replace(/\*.*$/, ''));
}

/** An origin that is one of the app's APIs (whose execute-api address resolves to the local stack's). */
export function isApiOrigin(app: LocalApp, domainName: string): boolean {
  return domainName === new URL(app.origin).host;
}
