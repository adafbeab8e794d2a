import type { Facts } from '../options/facts.js';
import { type PackageManager, packageManagers } from '../options/package-manager.js';
import type { Answers } from '../options/schema.js';
import { presetOf } from '../options/presets.js';
import { generatorVersion } from '../package-info.js';
import { idleCosts, idleTotal, webAclsOf } from './costs.js';
import { architectureDiagram, edgeAlarmsStack, edgeStack } from './diagram.js';
import type { Feature } from './features.js';
import { workflowContext } from './github-actions.js';
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
    costs: { standing: idleCosts(f).map((cost) => cost.text), prod: idleTotal(f, 'prod'), dev: idleTotal(f, 'dev') },
    // --ci: which workflows the project gets (`.github/workflows/` with github).
    ci: { github: answers.ci === 'github', ...workflowContext(packageManager, answers) },
    monitoring: { edgeTopicStack: edgeAlarmsStack(f), regionalWebAcl: webAclsOf(f).regional > 0 },
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
  // CloudFront's metrics are in us-east-1: the alarms on them, and their topic when the services' is elsewhere.
  const edgeTopic = edgeAlarmsStack(f) === `${f.name}-alarms` ? [] : [`\`${edgeAlarmsStack(f)}\` (the alarm topic in us-east-1)`];
  const edge = [...edgeTopic, stack('edge', "us-east-1: the distributions' alarms and dashboard")];
  const order = [...first, ...(f.sameOrigin ? [...apis, site] : [site, ...apis]), ...edge, stack('site-content', 'the app and its `config.json`')];
  return `${order.slice(0, -1).join(', ')}, then ${order.at(-1)}`;
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
