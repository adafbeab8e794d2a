import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { apiPolicy, type Caller } from './policy.js';

/** Verifies a token and says who sent it; throws when the token is not valid. */
export type TokenCheck = (token: string) => Promise<Caller>;

// The exact message API Gateway turns into 401; any other error would become a 500.
const unauthorized = () => new Error('Unauthorized');

/**
 * A TOKEN authorizer: reads `Authorization: Bearer <jwt>`, verifies the JWT, and answers with
 * an IAM policy. A token that is missing, malformed, expired, for another audience or signed
 * by another key gets 401; a valid token whose caller is not allowed gets an explicit Deny (403).
 */
export function authorizer(check: TokenCheck) {
  return async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const token = /^Bearer (\S+)$/.exec(event.authorizationToken ?? '')?.[1];
    if (!token) throw unauthorized();
    let caller: Caller;
    try {
      caller = await check(token);
    } catch (error) {
      // The reason goes to the logs only: a client learns nothing about why its token failed.
      console.warn(JSON.stringify({ message: 'token refused', reason: error instanceof Error ? error.message : String(error) }));
      throw unauthorized();
    }
    return apiPolicy(caller, event.methodArn);
  };
}
