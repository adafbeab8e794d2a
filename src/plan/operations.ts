import type { Answers } from '../options/answers.js';

/**
 * The operations every service exposes, as the README and diagram describe them. The
 * generated infra/stacks/operations.ts is the same list for CDK; a test keeps them equal.
 */
export const operations = [
  { handler: 'create', method: 'POST', route: (s: string) => `/${s}`, action: 'PutItem', status: '201, 400, 409' },
  { handler: 'list', method: 'GET', route: (s: string) => `/${s}`, action: 'Scan', status: '200, 400' },
  { handler: 'get', method: 'GET', route: (s: string) => `/${s}/{id}`, action: 'GetItem', status: '200, 400, 404' },
  { handler: 'update', method: 'PUT', route: (s: string) => `/${s}/{id}`, action: 'UpdateItem', status: '200, 400, 404' },
  { handler: 'delete', method: 'DELETE', route: (s: string) => `/${s}/{id}`, action: 'DeleteItem', status: '204, 400, 404' },
] as const;

/** Where the API's routes start: under `/api` when the site's distribution forwards `/api/*` to it unchanged. */
export function apiBasePath(answers: Answers): '' | '/api' {
  return answers.frontend === 'spa' && answers.apiAccess === 'same-origin' ? '/api' : '';
}
