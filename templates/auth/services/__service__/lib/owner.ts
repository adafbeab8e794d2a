import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The caller the API's authorizer verified, whose items a request reads and writes: the
 * token's `sub` (a Cognito authorizer passes the token's claims; the Lambda authorizer
 * returns it as its principal). Never taken from the request itself.
 */
export function ownerOf(event: APIGatewayProxyEvent): string {
  const authorizer = event.requestContext.authorizer;
  const owner: unknown = authorizer?.claims?.sub ?? authorizer?.principalId;
  // Only a route without an authorizer gets here without one: a mistake in the stack, not the caller's.
  if (typeof owner !== 'string' || owner === '') throw new Error('No verified caller: this route needs an authorizer');
  return owner;
}
