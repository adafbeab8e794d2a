import type { Answers } from '../options/answers.js';
import { storageFirst } from './ingest.js';
import { functionOperations, routePrefix } from './operations.js';

/**
 * A Mermaid flowchart of what was generated, derived from the answers, so the README's
 * picture always matches the stacks.
 */
export function architectureDiagram(answers: Answers): string {
  const { rateLimit, burstLimit } = answers.throttle;
  const spa = answers.frontend === 'spa';
  const endpoint = spa && answers.apiAccess !== 'direct' ? 'REGIONAL' : 'EDGE';
  const lines = ['flowchart LR', `  client([${spa ? 'Browser' : 'Client'}])`];
  if (spa) lines.push(...siteLines(answers));
  const operations = functionOperations(answers);
  const ingest = storageFirst(answers);
  for (const service of answers.services) {
    const api = `${service}Api`;
    const behindCloudFront = spa && answers.apiAccess === 'cloudfront';
    lines.push(
      `  subgraph ${service}Stack [${answers.name}-${service} stack]`,
      ...(behindCloudFront ? [`    ${service}Cdn[CloudFront<br/>no caching, all methods<br/>adds the x-api-key secret]`] : []),
      `    ${api}[API Gateway REST API, ${endpoint}<br/>${rateLimit} req/s, burst ${burstLimit}${answers.cache ? '<br/>GET cache' : ''}${behindCloudFront ? '<br/>API key required' : ''}]`,
      ...operations.map((op) => `    ${service}${op.handler}[λ ${op.handler}]`),
      ...(ingest ? ingestNodes(service, ingest.label) : []),
      `    ${service}Table[(DynamoDB<br/>${service})]`,
      '  end',
      ...apiEntry(answers, service),
      ...operations.flatMap((op) => [
        `  ${api} -->|"${op.method} ${op.route(routePrefix(answers, service))}"| ${service}${op.handler}`,
        `  ${service}${op.handler} -->|${op.action}| ${service}Table`,
      ]),
      ...(ingest ? ingestEdges(service, api, `POST ${routePrefix(answers, service) || '/'}`, ingest.action, answers.ingest === 'sqs') : []),
    );
  }
  return lines.join('\n');
}

/** Storage-first: POST lands in a queue or stream with no function in between; a consumer drains it. */
function ingestNodes(service: string, store: string): string[] {
  return [
    `    ${service}Store[(${store})]`,
    `    ${service}ingest[λ ingest<br/>consumer]`,
    `    ${service}DeadLetters[(dead-letter<br/>SQS queue)]`,
  ];
}

function ingestEdges(service: string, api: string, route: string, action: string, viaQueue: boolean): string[] {
  return [
    `  ${api} -->|"${route}<br/>${action}, 202"| ${service}Store`,
    `  ${service}Store -->|batches| ${service}ingest`,
    `  ${service}ingest -->|PutItem, once per id| ${service}Table`,
    viaQueue
      ? `  ${service}Store -.->|after 5 failed receives| ${service}DeadLetters`
      : `  ${service}ingest -.->|records given up on| ${service}DeadLetters`,
  ];
}

function siteLines(answers: Answers): string[] {
  const address = answers.domain ? `https://${answers.domain}` : 'HTTPS';
  return [
    `  subgraph siteStack [${answers.name}-site stack]`,
    '    siteCdn[CloudFront<br/>OAC, HTTP/2 and 3, security headers<br/>SPA fallback on the S3 behavior]',
    '    siteBucket[(S3, private<br/>the built SPA + config.json)]',
    ...edgeLines(answers),
    '  end',
    `  client -->|${address}| siteCdn`,
    '  siteCdn -->|/* via OAC| siteBucket',
    ...(answers.edge.includes('site-auth') ? [`  siteCdn -.->|"origin request"| siteAuth[λ@Edge sign-in gate<br/>${answers.name}-site-auth, us-east-1]`] : []),
  ];
}

/** The --edge features inside the site stack. */
function edgeLines(answers: Answers): string[] {
  const lines: string[] = [];
  if (answers.edge.includes('ab-testing') || answers.edge.includes('progressive-rollout')) {
    lines.push('    siteRouter[CloudFront Functions<br/>sticky version routing]', '    siteShares[(KeyValueStore<br/>rollout and A/B percentages)]', '    siteCdn --- siteRouter', '    siteRouter -.->|reads| siteShares');
  }
  if (answers.edge.includes('origin-failover')) {
    lines.push('    siteFailover[(S3, private<br/>failover copy)]', '    siteCdn -.->|"on 5xx, 403, 404"| siteFailover');
  }
  return lines;
}

/** How requests reach one service's API: straight, through its own distribution, or through the site's. */
function apiEntry(answers: Answers, service: string): string[] {
  const api = `${service}Api`;
  if (answers.frontend !== 'spa') return [`  client -->|HTTPS| ${api}`];
  switch (answers.apiAccess) {
    case 'direct':
      return [`  client -->|HTTPS, CORS from the site's origin| ${api}`];
    case 'cloudfront':
      return [`  client -->|HTTPS, CORS from the site's origin| ${service}Cdn`, `  ${service}Cdn -->|x-api-key| ${api}`];
    case 'same-origin':
      return [`  siteCdn -->|${apiPathPattern(answers, service)}, no CORS| ${api}`];
  }
}

/** The site's cache behavior for one service's API on a shared distribution. */
export function apiPathPattern(answers: Answers, service: string): string {
  return answers.services.length === 1 ? '/api/*' : `/api/${service}*`;
}
