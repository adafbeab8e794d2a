import type { Answers } from '../options/answers.js';
import { storageFirst } from './ingest.js';
import { functionOperations, routePrefix } from './operations.js';

/**
 * A Mermaid flowchart of what was generated, derived from the answers, so the README's
 * picture always matches the stacks.
 */
export function architectureDiagram(answers: Answers): string {
  const { rateLimit, burstLimit } = answers.throttle;
  const lines = ['flowchart LR', '  client([Client])'];
  const operations = functionOperations(answers);
  const ingest = storageFirst(answers);
  for (const service of answers.services) {
    const api = `${service}Api`;
    lines.push(
      `  subgraph ${service}Stack [${answers.name}-${service} stack]`,
      `    ${api}[API Gateway REST API<br/>${rateLimit} req/s, burst ${burstLimit}${answers.cache ? '<br/>GET cache' : ''}]`,
      ...operations.map((op) => `    ${service}${op.handler}[λ ${op.handler}]`),
      ...(ingest ? ingestNodes(service, ingest.label) : []),
      `    ${service}Table[(DynamoDB<br/>${service})]`,
      '  end',
      `  client -->|HTTPS| ${api}`,
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
