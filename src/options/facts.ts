import { type EdgeFeature, edgeFeatures } from './choices.js';
import { edgeFeatureSpecs } from './edge-features.js';
import type { Answers } from './schema.js';

/**
 * What the answers mean, derived once: the combination rules, the feature table, the
 * render context, the diagram and the README read these instead of deciding again from the
 * raw answers.
 */
export function factsOf(answers: Answers) {
  const spa = answers.frontend === 'spa';
  const severalServices = answers.services.length > 1;
  const multiAccount = answers.accounts === 'multi';
  const apiBasePath = spa && answers.apiAccess === 'same-origin' ? '/api' : '';
  // Behind CloudFront (its own distribution or the site's), every API method requires the key
  // only CloudFront sends: nobody calls the APIs directly.
  const apiOnlyViaCloudFront = spa && answers.apiAccess !== 'direct';
  // --domain is the site's address with a SPA, else the API's.
  const apiDomain = spa ? undefined : answers.domain;
  return {
    ...answers,
    spa,
    /** The site's CloudFront distribution: where --edge features run. */
    distribution: spa,
    sameOrigin: apiBasePath !== '',
    /** Each API behind a CloudFront distribution of its own (`--api-access cloudfront`). */
    apiDistribution: spa && answers.apiAccess === 'cloudfront',
    apiOnlyViaCloudFront,
    // Behind CloudFront an edge-optimized API would put a second, AWS-managed distribution in
    // the path: REGIONAL is the right endpoint.
    endpointType: apiOnlyViaCloudFront ? ('REGIONAL' as const) : ('EDGE' as const),
    severalServices,
    multiAccount,
    siteDomain: spa ? answers.domain : undefined,
    apiDomain,
    storageFirst: answers.ingest !== 'none',
    authorizers: authorizersOf(answers.auth),
    edges: edgeFlags(answers.edge),
    /** The chosen --edge features' entries of the table, in its order. */
    edgeSpecs: edgeFeatureSpecs.filter((spec) => answers.edge.includes(spec.value)),
    /** Where the API's routes start: under `/api` when the site's distribution forwards `/api/*` to it unchanged. */
    apiBasePath,
    /**
     * Where a service's routes start, as a client sees them: /api/<service> on the site's own
     * origin, nothing behind a domain of the service's own (one account per service, where
     * the host names the service), else /<service>.
     */
    routePrefix: (service: string) => (apiBasePath ? `${apiBasePath}/${service}` : multiAccount && apiDomain ? '' : `/${service}`),
    /** The site's cache behavior for one service's API on a shared distribution. */
    apiPathPattern: (service: string) => (severalServices ? `/api/${service}*` : '/api/*'),
  };
}

export type Facts = ReturnType<typeof factsOf>;

/** Which authorizers guard the APIs. */
function authorizersOf(mode: Answers['auth']) {
  const cognito = mode.includes('cognito');
  const lambda = mode.includes('lambda');
  return { any: cognito || lambda, cognito, lambda, cognitoOnly: cognito && !lambda, lambdaOnly: lambda && !cognito, both: cognito && lambda };
}

/** `site-auth` → `siteAuth`: the public names, as template variables can spell them. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

export type EdgeFlags = { readonly [F in EdgeFeature as CamelCase<F>]: boolean };

export const camelCase = <S extends string>(name: S) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<S>;

/** Which --edge features the site carries, by their public names (`edges.securityHeaders`). */
function edgeFlags(list: readonly EdgeFeature[]) {
  const flags = Object.fromEntries(edgeFeatures.map((feature) => [camelCase(feature), list.includes(feature)])) as EdgeFlags;
  // Both are one CloudFront Function that routes each visitor to a version of the site.
  const versionRouting = flags.abTesting || flags.progressiveRollout;
  return {
    ...flags,
    any: list.length > 0,
    list: list.join(','),
    versionRouting,
  };
}
