import type { LocalApp, LocalResource } from './local-app.js';
import { functionFromUri } from './local-names.js';

/**
 * The functions something the local stack runs would invoke: a route's Lambda proxy
 * integration, an authorizer, an event source mapping (a queue or a stream). The functions
 * behind deploy-time custom resources are not among them.
 */
export function invokedFunctions(app: LocalApp): LocalResource[] {
  const names = new Set([
    ...app.ofType('AWS::ApiGateway::Method').map((method) => method.properties.Integration?.Type === 'AWS_PROXY' && functionFromUri(method.properties.Integration.Uri)),
    ...app.ofType('AWS::ApiGateway::Authorizer').map((authorizer) => authorizer.properties.AuthorizerUri && functionFromUri(authorizer.properties.AuthorizerUri)),
    ...app.ofType('AWS::Lambda::EventSourceMapping').map((mapping) => mapping.properties.FunctionName),
  ]);
  return app.ofType('AWS::Lambda::Function').filter((fn) => names.has(app.referenceTo(fn)));
}
