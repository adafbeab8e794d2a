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
export function functionOperations({ storageFirst }: { readonly storageFirst: boolean }) {
  return operations.filter((op) => !storageFirst || op.handler !== 'create');
}

/** The DynamoDB action behind an operation: with --auth, items belong to the caller, and listing them is a Query on their partition. */
export function tableAction(op: (typeof operations)[number], owned: boolean): string {
  return owned && op.handler === 'list' ? 'Query' : op.action;
}
