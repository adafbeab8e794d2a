import type { Facts } from '../options/facts.js';
import { ingestTarget } from './ingest.js';
import { functionOperations, tableAction } from './operations.js';

/**
 * A Mermaid flowchart of what was generated, derived from the answers' facts, so the README's
 * picture always matches the stacks.
 */
export function architectureDiagram(f: Facts): string {
  const { rateLimit, burstLimit } = f.throttle;
  const lines = ['flowchart LR', `  client([${f.spa ? 'Browser' : 'Client'}])`];
  if (f.spa) lines.push(...siteLines(f));
  const operations = functionOperations(f);
  const ingest = ingestTarget(f.ingest);
  for (const service of f.services) {
    const api = `${service}Api`;
    const prefix = f.routePrefix(service);
    lines.push(
      `  subgraph ${service}Stack [${f.name}-${service} stack]`,
      ...(f.apiDistribution ? [`    ${service}Cdn[CloudFront<br/>no caching, all methods<br/>adds the x-api-key secret]`] : []),
      `    ${api}[API Gateway REST API, ${f.endpointType}<br/>${rateLimit} req/s, burst ${burstLimit}${f.cache ? '<br/>GET cache' : ''}${f.apiDistribution ? '<br/>API key required' : ''}]`,
      ...operations.map((op) => `    ${service}${op.handler}[λ ${op.handler}]`),
      ...(ingest ? ingestNodes(service, ingest.label) : []),
      `    ${service}Table[(DynamoDB<br/>${service})]`,
      '  end',
      ...apiEntry(f, service),
      ...operations.flatMap((op) => [`  ${api} -->|"${op.method} ${op.route(prefix)}"| ${service}${op.handler}`, `  ${service}${op.handler} -->|${tableAction(op, f.authorizers.any)}| ${service}Table`]),
      ...(ingest ? ingestEdges(service, api, `POST ${prefix || '/'}`, ingest.action, f.ingest === 'sqs') : []),
    );
  }
  return lines.join('\n');
}

/** Storage-first: POST lands in a queue or stream with no function in between; a consumer drains it. */
function ingestNodes(service: string, store: string): string[] {
  return [`    ${service}Store[(${store})]`, `    ${service}ingest[λ ingest<br/>consumer]`, `    ${service}DeadLetters[(dead-letter<br/>SQS queue)]`];
}

function ingestEdges(service: string, api: string, route: string, action: string, viaQueue: boolean): string[] {
  return [
    `  ${api} -->|"${route}<br/>${action}, 202"| ${service}Store`,
    `  ${service}Store -->|batches| ${service}ingest`,
    `  ${service}ingest -->|PutItem, once per id| ${service}Table`,
    viaQueue ? `  ${service}Store -.->|after 5 failed receives| ${service}DeadLetters` : `  ${service}ingest -.->|records given up on| ${service}DeadLetters`,
  ];
}

function siteLines(f: Facts): string[] {
  const edge = edgeLines(f);
  return [
    `  subgraph siteStack [${f.name}-site stack]`,
    '    siteCdn[CloudFront<br/>OAC, HTTP/2 and 3, security headers<br/>SPA fallback on the S3 behavior]',
    '    siteBucket[(S3, private<br/>the built SPA + config.json)]',
    ...edge.inSiteStack,
    '  end',
    `  client -->|${f.siteDomain ? `https://${f.siteDomain}` : 'HTTPS'}| siteCdn`,
    '  siteCdn -->|/* via OAC| siteBucket',
    ...edge.outside,
  ];
}

/** What the chosen --edge features draw, each line once (two features may share a construct). */
function edgeLines(f: Facts) {
  const once = (lines: readonly string[]) => [...new Set(lines)];
  return {
    inSiteStack: once(f.edgeSpecs.flatMap((spec) => spec.diagram?.inSiteStack ?? [])),
    outside: once(f.edgeSpecs.flatMap((spec) => spec.diagram?.outside ?? [])).map((line) => line.replaceAll('{app}', f.name)),
  };
}

/** How requests reach one service's API: straight, through its own distribution, or through the site's. */
function apiEntry(f: Facts, service: string): string[] {
  const api = `${service}Api`;
  if (!f.spa) return [`  client -->|HTTPS| ${api}`];
  if (f.apiDistribution) return [`  client -->|HTTPS, CORS from the site's origin| ${service}Cdn`, `  ${service}Cdn -->|x-api-key| ${api}`];
  if (f.sameOrigin) return [`  siteCdn -->|${f.apiPathPattern(service)}, no CORS| ${api}`];
  return [`  client -->|HTTPS, CORS from the site's origin| ${api}`];
}
