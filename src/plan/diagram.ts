import type { Answers } from '../options/answers.js';
import { operations, routePrefix } from './operations.js';

/**
 * A Mermaid flowchart of what was generated, derived from the answers, so the README's
 * picture always matches the stacks.
 */
export function architectureDiagram(answers: Answers): string {
  const { rateLimit, burstLimit } = answers.throttle;
  const lines = ['flowchart LR', '  client([Client])'];
  for (const service of answers.services) {
    const api = `${service}Api`;
    lines.push(
      `  subgraph ${service}Stack [${answers.name}-${service} stack]`,
      `    ${api}[API Gateway REST API<br/>${rateLimit} req/s, burst ${burstLimit}${answers.cache ? '<br/>GET cache' : ''}]`,
      ...operations.map((op) => `    ${service}${op.handler}[λ ${op.handler}]`),
      `    ${service}Table[(DynamoDB<br/>${service})]`,
      '  end',
      `  client -->|HTTPS| ${api}`,
      ...operations.flatMap((op) => [
        `  ${api} -->|"${op.method} ${op.route(routePrefix(answers, service))}"| ${service}${op.handler}`,
        `  ${service}${op.handler} -->|${op.action}| ${service}Table`,
      ]),
    );
  }
  return lines.join('\n');
}
