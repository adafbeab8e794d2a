import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { TokenCheck } from './authorize.js';

export interface UserPoolSettings {
  readonly userPoolId: string;
  /** App clients whose tokens are accepted (`aud` of ID tokens, `client_id` of access tokens). */
  readonly clientIds: readonly string[];
  /** The Cognito group a caller must belong to. */
  readonly requiredGroup: string;
}

/** Verifies ID and access tokens of the user pool against its published keys. */
export function userPoolVerifier(settings: UserPoolSettings) {
  return CognitoJwtVerifier.create({ userPoolId: settings.userPoolId, clientId: [...settings.clientIds], tokenUse: null });
}

/**
 * Accepts a token the user pool signed for one of its app clients, unexpired (aws-jwt-verify
 * checks signature, issuer, client, token use and `exp`), and allows the caller only when
 * the token lists `requiredGroup` in `cognito:groups`: the check a Cognito authorizer cannot
 * make. A valid token without the group is a Deny (403), not a 401.
 */
export function tokenCheck(verifier: ReturnType<typeof userPoolVerifier>, requiredGroup: string): TokenCheck {
  return async (token) => {
    const claims = await verifier.verify(token);
    const groups = claims['cognito:groups'] ?? [];
    const username = String(claims['cognito:username'] ?? claims.username ?? '');
    return { subject: claims.sub, allowed: groups.includes(requiredGroup), context: { sub: claims.sub, username, groups: groups.join(',') } };
  };
}

/** The settings `infra/api-authorization.ts` passes to the function. */
export function tokenCheckFromEnvironment(env: NodeJS.ProcessEnv): TokenCheck {
  const setting = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const settings = {
    userPoolId: setting('USER_POOL_ID'),
    clientIds: setting('USER_POOL_CLIENT_IDS').split(','),
    requiredGroup: setting('REQUIRED_GROUP'),
  };
  return tokenCheck(userPoolVerifier(settings), settings.requiredGroup);
}
