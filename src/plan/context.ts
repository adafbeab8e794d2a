import type { Facts } from '../options/facts.js';
import { type PackageManager, packageManagers } from '../options/package-manager.js';
import type { Answers } from '../options/schema.js';
import { presetOf } from '../options/presets.js';
import { generatorVersion } from '../package-info.js';
import { architectureDiagram, edgeStack } from './diagram.js';
import type { Feature } from './features.js';
import { ingestTarget } from './ingest.js';
import { operations } from './operations.js';

export interface PlanInput {
  readonly answers: Answers;
  readonly packageManager: PackageManager;
}

/**
 * What templates see: the answers and the facts derived from them (src/options/facts.ts),
 * shaped for templates so they stay free of logic.
 */
export function renderContext({ answers, packageManager }: PlanInput, f: Facts, features: readonly Feature[]) {
  return {
    ...answers,
    generatorVersion,
    preset: presetOf(answers.pattern),
    pm: { name: packageManager, ...packageManagers[packageManager] },
    endpointType: f.endpointType,
    apiOnlyViaCloudFront: f.apiOnlyViaCloudFront,
    spa: f.spa,
    site: f.spa ? siteContext(f) : undefined,
    firstService: answers.services[0],
    ...domainsOf(f),
    auth: { mode: answers.auth, ...f.authorizers },
    edges: { ...f.edges, table: f.edgeSpecs, stack: edgeStack(f), stackOfItsOwn: edgeStack(f) !== `${f.name}-site` },
    // The SPA signs in when the APIs trust the user pool.
    spaSignIn: f.spa && f.authorizers.cognito,
    // With the sign-in gate the site has an app client of its own, in the site stack, which
    // knows the distribution's address; the SPA signs in with it too, unless a Lambda
    // authorizer must name the SPA's client (the APIs deploy before a same-origin site).
    spaUsesSiteClient: f.spa && f.authorizers.cognito && f.edges.siteAuth && !f.authorizers.lambda,
    diagram: architectureDiagram(f),
    layout: features.flatMap((feature) => feature.layout ?? []),
    storageFirst: ingestTarget(answers.ingest) ?? false,
    routes: answers.services.flatMap((service) => routes(f, service)),
    healthPaths: healthPaths(f),
    costs: { standing: standingCosts(f) },
  };
}

export type RenderContext = ReturnType<typeof renderContext>;

/**
 * Where the API's custom domain goes. One account: one domain, a base path per service, in
 * the parent zone (api.example.com in example.com). One account per service: each service
 * gets <service>.<domain> in a zone of its own account, delegated from the parent.
 */
function domainsOf(f: Facts) {
  if (f.multiAccount) {
    return {
      apiDomain: undefined,
      serviceTargets: f.serviceAccounts.map(({ service, account, region }) => ({
        service,
        account,
        region: region ?? f.region,
        domain: f.apiDomain ? { name: `${service}.${f.apiDomain}`, zone: `${service}.${f.apiDomain}` } : undefined,
      })),
    };
  }
  return { apiDomain: f.apiDomain ? { name: f.apiDomain, zone: parentZone(f.apiDomain) } : undefined, serviceTargets: undefined };
}

function parentZone(domain: string): string {
  const labels = domain.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : domain;
}

/** The README's routes table: which code answers each route, and with which status codes. */
function routes(f: Facts, service: string) {
  const ingest = ingestTarget(f.ingest);
  return operations.map((op) => {
    const route = { method: op.method, path: op.route(f.routePrefix(service)) };
    if (ingest && op.handler === 'create') {
      return { ...route, target: `none: API Gateway calls ${ingest.label} \`${ingest.action}\`; \`services/${service}/handlers/ingest.ts\` stores it later`, status: ingest.status };
    }
    return { ...route, target: `\`services/${service}/handlers/${op.handler}.ts\``, status: op.status };
  });
}

/**
 * The order `deploy` puts a site's stacks in, as the README tells it: what the site needs from
 * us-east-1 first, then the APIs' prerequisites; the site before the APIs when they allow CORS
 * from its address, after them when its distribution forwards `/api/*` to them; its content last.
 */
function siteDeployOrder(f: Facts): string {
  const stack = (name: string, why?: string) => `\`${f.name}-${name}\`${why ? ` (${why})` : ''}`;
  const userPool = f.authorizers.cognito ? [stack('auth', 'the user pool')] : [];
  const first = [
    ...(f.siteDomain ? [stack('certificate', 'us-east-1, for CloudFront')] : []),
    // Lambda@Edge deploys from a stack of its own when the app's region is not us-east-1.
    ...(f.edges.siteAuth && f.region !== 'us-east-1' ? [stack('site-auth', 'the sign-in gate, us-east-1')] : []),
    // The site's sign-in gate has its app client in the site stack, in the auth stack's user pool.
    ...(f.edges.siteAuth ? userPool : []),
  ];
  const apis = [
    stack('api-gateway', "API Gateway's logging role"),
    stack('alarms', 'the alarm topic'),
    ...(f.edges.siteAuth ? [] : userPool),
    f.severalServices ? 'the service stacks' : stack(f.services[0]!),
  ];
  const site = stack('site', f.sameOrigin ? 'its `/api/*` behaviors need the APIs' : "the APIs' CORS allows its address");
  const order = [...first, ...(f.sameOrigin ? [...apis, site] : [site, ...apis]), stack('site-content', 'the app and its `config.json`')];
  return `${order.slice(0, -1).join(', ')}, then ${order.at(-1)}`;
}

/** What the app costs while idle: the resources billed by the hour or the month, with the README's wording. */
function standingCosts(f: Facts): string[] {
  const perService = f.severalServices ? ', one per service' : '';
  // Per service: two API alarms, one on the table, two per function (five, and a Lambda authorizer), two on a storage-first backlog.
  const alarms = f.services.length * (13 + (f.authorizers.lambda ? 2 : 0) + (f.storageFirst ? 2 : 0));
  return [
    `${alarms} CloudWatch alarms at $0.10 a month each, a dashboard per service ($3 a month each beyond the account's first three) and the alarm topic's KMS key ($1 a month${f.multiAccount ? ', one per account and region' : ''})`,
    f.cache ? `the API cache (\`api.cache\` in \`infra/config.ts\`), billed per hour for its size${perService}` : 'the API cache, if you turn it on (`api.cache` in `infra/config.ts`), billed per hour for its size',
    ...(f.waf ? [`AWS WAF: ${wafAcls(f)}, each $5 a month plus $1 per rule (four: about $9), plus $0.60 per million requests inspected`] : []),
    ...(f.ingest === 'kinesis' ? [`the on-demand Kinesis stream${perService}: a charge per stream-hour (about $0.04 in us-east-1, some $29 a month), plus what passes through it`] : []),
    ...(f.apiOnlyViaCloudFront ? [`the Secrets Manager secret that holds the key CloudFront sends to the API${perService}: $0.40 a month${perService && ' each'}`] : []),
  ];
}

/**
 * The web ACLs --waf makes: one for the CloudFront distributions, and one per API that clients
 * call directly (an API only CloudFront reaches is inspected once, at the distribution).
 */
function wafAcls(f: Facts): string {
  const distributions = 'a web ACL for the CloudFront distributions';
  if (f.apiOnlyViaCloudFront) return distributions;
  const apis = f.severalServices ? `a web ACL per service's API (${f.services.length})` : 'a web ACL on the API';
  return f.spa ? `${apis} and ${distributions.replace('a web ACL', 'one')}` : apis;
}

/**
 * Where a client reaches each API's `GET /health`: at the API's root, which a shared custom
 * domain puts under the service's base path. On the site's own distribution, which sends only
 * `/api/*` to the APIs, nowhere.
 */
function healthPaths(f: Facts): string[] {
  if (f.sameOrigin) return [];
  return [...new Set(f.services.map((service) => (f.apiDomain && !f.multiAccount ? `/${service}/health` : '/health')))];
}

/** What infra/config.ts says about the site: how it reaches the APIs, and its domain. */
function siteContext(f: Facts) {
  return {
    deployOrder: siteDeployOrder(f),
    apiAccess: f.apiAccess,
    sameOrigin: f.sameOrigin,
    apiDistribution: f.apiDistribution,
    severalApis: f.severalServices,
    apiPathPattern: f.apiPathPattern('<service>'),
    domain: f.siteDomain && { name: f.siteDomain, zoneName: parentZone(f.siteDomain) },
  };
}
