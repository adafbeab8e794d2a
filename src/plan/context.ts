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
    spa: f.spa,
    site: f.spa ? siteContext(f) : undefined,
    firstService: answers.services[0],
    ...domainsOf(f),
    auth: { mode: answers.auth, ...f.authorizers },
    edges: { ...f.edges, table: f.edgeSpecs, stack: edgeStack(f), stackOfItsOwn: edgeStack(f) !== `${f.name}-site` },
    // The SPA signs in when the APIs trust the user pool.
    spaSignIn: f.spa && f.authorizers.cognito,
    diagram: architectureDiagram(f),
    layout: features.flatMap((feature) => feature.layout ?? []),
    storageFirst: ingestTarget(answers.ingest) ?? false,
    routes: answers.services.flatMap((service) => routes(f, service)),
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

/** What infra/config.ts says about the site: how it reaches the APIs, and its domain. */
function siteContext(f: Facts) {
  return {
    apiAccess: f.apiAccess,
    sameOrigin: f.sameOrigin,
    severalApis: f.severalServices,
    apiPathPattern: f.apiPathPattern('<service>'),
    domain: f.siteDomain && { name: f.siteDomain, zoneName: parentZone(f.siteDomain) },
  };
}
