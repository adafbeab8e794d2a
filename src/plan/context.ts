import type { Answers } from '../options/answers.js';
import { generatorVersion } from '../package-info.js';
import { type PackageManager, packageManagers } from '../steps/package-manager.js';
import { architectureDiagram } from './diagram.js';
import { storageFirst } from './ingest.js';
import { operations, routePrefix } from './operations.js';
import { presets } from '../options/presets.js';
import type { Feature } from './features.js';

export interface PlanInput {
  readonly answers: Answers;
  readonly packageManager: PackageManager;
}

/**
 * What templates see: the answers plus values derived from them once, here, so templates
 * stay free of logic.
 */
export function renderContext({ answers, packageManager }: PlanInput, features: readonly Feature[]) {
  const preset = presets[answers.pattern];
  const spa = answers.frontend === 'spa';
  return {
    ...answers,
    generatorVersion,
    preset: { id: answers.pattern, ...preset },
    pm: { name: packageManager, ...packageManagers[packageManager] },
    // Behind CloudFront (its own distribution or the site's), an edge-optimized API would
    // put a second, AWS-managed distribution in the path: REGIONAL is the right endpoint.
    endpointType: spa && answers.apiAccess !== 'direct' ? 'REGIONAL' : 'EDGE',
    spa,
    site: spa ? siteContext(answers) : undefined,
    firstService: answers.services[0],
    ...domainsOf(answers),
    auth: authContext(answers.auth),
    edges: edgeContext(answers.edge),
    // The SPA signs in when the APIs trust the user pool.
    spaSignIn: spa && answers.auth.includes('cognito'),
    diagram: architectureDiagram(answers),
    layout: features.flatMap((feature) => feature.layout ?? []),
    storageFirst: storageFirst(answers) ?? false,
    routes: answers.services.flatMap((service) => routes(answers, service)),
  };
}

export type RenderContext = ReturnType<typeof renderContext>;

/**
 * Where custom domains go. One account: one API domain, a base path per service, in the
 * parent zone (api.example.com in example.com). One account per service: each service gets
 * <service>.<domain> in a zone of its own account, delegated from the parent.
 */
function domainsOf(answers: Answers) {
  const { domain } = answers;
  if (answers.accounts === 'multi') {
    return {
      apiDomain: undefined,
      serviceTargets: answers.serviceAccounts.map(({ service, account, region }) => ({
        service,
        account,
        region: region ?? answers.region,
        domain: domain ? { name: `${service}.${domain}`, zone: `${service}.${domain}` } : undefined,
      })),
    };
  }
  const apiDomain = domain && answers.frontend === 'none' ? { name: domain, zone: parentZone(domain) } : undefined;
  return { apiDomain, serviceTargets: undefined };
}

function parentZone(domain: string): string {
  const labels = domain.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : domain;
}

/** The README's routes table: which code answers each route, and with which status codes. */
function routes(answers: Answers, service: string) {
  const ingest = storageFirst(answers);
  return operations.map((op) => {
    const route = { method: op.method, path: op.route(routePrefix(answers, service)) };
    if (ingest && op.handler === 'create') {
      return {
        ...route,
        target: `none: API Gateway calls ${ingest.label} \`${ingest.action}\`; \`services/${service}/handlers/ingest.ts\` stores it later`,
        status: answers.ingest === 'kinesis' ? '202, 400, 429, 500, 503' : '202, 400, 500, 503',
      };
    }
    return { ...route, target: `\`services/${service}/handlers/${op.handler}.ts\``, status: op.status };
  });
}

/** What infra/config.ts says about the site: how it reaches the APIs, and its domain. */
function siteContext(answers: Answers) {
  const domain = answers.domain;
  return {
    apiAccess: answers.apiAccess,
    sameOrigin: answers.apiAccess === 'same-origin',
    severalApis: answers.services.length > 1,
    apiPathPattern: answers.services.length > 1 ? '/api/<service>*' : '/api/*',
    domain: domain && { name: domain, zoneName: parentZone(domain) },
  };
}

/** Which authorizers guard the APIs, as flags templates can test (`{{#if auth.cognito}}`). */
export function authContext(mode: Answers['auth']) {
  const cognito = mode.includes('cognito');
  const lambda = mode.includes('lambda');
  return { mode, any: cognito || lambda, cognito, lambda, cognitoOnly: cognito && !lambda, lambdaOnly: lambda && !cognito, both: cognito && lambda };
}

/** Which --edge features the site's distribution carries, as flags templates can test (`{{#if edges.siteAuth}}`). */
export function edgeContext(list: Answers['edge']) {
  const abTesting = list.includes('ab-testing');
  const rollout = list.includes('progressive-rollout');
  return {
    list: list.join(','),
    any: list.length > 0,
    siteAuth: list.includes('site-auth'),
    strictHeaders: list.includes('security-headers'),
    originFailover: list.includes('origin-failover'),
    abTesting,
    rollout,
    // Both are one CloudFront Function that routes each visitor to a version of the site.
    versions: abTesting || rollout,
  };
}
