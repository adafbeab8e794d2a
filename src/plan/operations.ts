import type { Answers } from '../options/answers.js';

/**
 * Where a service's routes start, as a client sees them: /api/<service> on the site's own
 * origin (same-origin SPA), nothing behind a domain of the service's own (multi-account,
 * where the host names the service), else /<service>.
 */
export function routePrefix(answers: Answers, service: string): string {
  if (apiBasePath(answers)) return `${apiBasePath(answers)}/${service}`;
  return answers.accounts === 'multi' && answers.domain ? '' : `/${service}`;
}

/**
 * The operations every service exposes, as the README and diagram describe them. The
 * generated infra/stacks/operations.ts is the same list for CDK; a test keeps them equal.
 */
export const operations = [
  { handler: 'create', method: 'POST', route: (prefix: string) => prefix || '/', action: 'PutItem', status: '201, 400, 409' },
  { handler: 'list', method: 'GET', route: (prefix: string) => prefix || '/', action: 'Scan', status: '200, 400' },
  { handler: 'get', method: 'GET', route: (prefix: string) => `${prefix}/{id}`, action: 'GetItem', status: '200, 400, 404' },
  { handler: 'update', method: 'PUT', route: (prefix: string) => `${prefix}/{id}`, action: 'UpdateItem', status: '200, 400, 404' },
  { handler: 'delete', method: 'DELETE', route: (prefix: string) => `${prefix}/{id}`, action: 'DeleteItem', status: '204, 400, 404' },
] as const;

/** The operations a function answers directly: with storage-first, POST goes to a queue or stream instead. */
export function functionOperations(answers: { readonly ingest: string }) {
  return operations.filter((op) => answers.ingest === 'none' || op.handler !== 'create');
}

/** Where the API's routes start: under `/api` when the site's distribution forwards `/api/*` to it unchanged. */
export function apiBasePath(answers: Answers): '' | '/api' {
  return answers.frontend === 'spa' && answers.apiAccess === 'same-origin' ? '/api' : '';
}
