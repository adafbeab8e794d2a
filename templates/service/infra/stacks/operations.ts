const itemPath = { 'path.id': true } as const;

/**
 * The service's operations: one function, one route and one DynamoDB action each.
 * `parameters` are the request parameters API Gateway checks (true: required) and caches by.
 */
export const operations = [
  { id: 'Create', handler: 'create', method: 'POST', on: 'collection', body: 'create', parameters: {}, actions: ['dynamodb:PutItem'], description: 'create an item' },
  { id: 'List', handler: 'list', method: 'GET', on: 'collection', parameters: { 'querystring.limit': false, 'querystring.cursor': false }, actions: ['dynamodb:Scan'], description: 'list items a page at a time' },
  { id: 'Get', handler: 'get', method: 'GET', on: 'item', parameters: itemPath, actions: ['dynamodb:GetItem'], description: 'read one item' },
  { id: 'Update', handler: 'update', method: 'PUT', on: 'item', body: 'replace', parameters: itemPath, actions: ['dynamodb:UpdateItem'], description: 'replace an item' },
  { id: 'Delete', handler: 'delete', method: 'DELETE', on: 'item', parameters: itemPath, actions: ['dynamodb:DeleteItem'], description: 'delete an item' },
] as const;

export type Operation = (typeof operations)[number];
