import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizer } from '../../authorizer/authorize.js';
import { tokenCheck, userPoolVerifier } from '../../authorizer/token-check.js';
import { testIssuer } from '../support/jwt.js';

const userPoolId = 'us-east-1_TestPool1';
const clientId = 'spa-client-id';
const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/DELETE/items/42';
const event = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({ type: 'TOKEN', methodArn, authorizationToken });

describe('the Lambda authorizer (user pool tokens, group check)', () => {
  // Tokens as Cognito issues them, signed with a key of the test's own.
  const pool = testIssuer(`https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`);
  const idToken = (claims: Record<string, unknown> = {}) =>
    pool.sign({ token_use: 'id', aud: clientId, 'cognito:username': 'ada', 'cognito:groups': ['admins'], ...claims });
  const accessToken = (claims: Record<string, unknown> = {}) =>
    pool.sign({ token_use: 'access', client_id: clientId, username: 'ada', 'cognito:groups': ['admins'], ...claims });
  let handler: ReturnType<typeof authorizer>;

  beforeAll(() => {
    const verifier = userPoolVerifier({ userPoolId, clientIds: [clientId], requiredGroup: 'admins' });
    // The pool's JWKS, handed to the verifier up front: nothing is fetched from Cognito.
    verifier.cacheJwks(pool.jwks);
    handler = authorizer(tokenCheck(verifier, 'admins'));
  });

  it('allows a group member with a valid ID token, and hands who they are to the handlers', async () => {
    const result = await handler(event(`Bearer ${idToken({ sub: 'user-42' })}`));
    expect(result.principalId).toBe('user-42');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*' },
    ]);
    expect(result.context).toEqual({ sub: 'user-42', username: 'ada', groups: 'admins' });
  });

  it('allows a group member with a valid access token', async () => {
    const result = await handler(event(`Bearer ${accessToken()}`));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('denies (403) a valid token of a user outside the group', async () => {
    const result = await handler(event(`Bearer ${idToken({ 'cognito:groups': ['readers'] })}`));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    const noGroups = await handler(event(`Bearer ${idToken({ 'cognito:groups': undefined })}`));
    expect(noGroups.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });

  it('refuses an expired token with 401', async () => {
    await expect(handler(event(`Bearer ${idToken({ iat: pool.now() - 7200, exp: pool.now() - 3600 })}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token for another app client (wrong audience) with 401', async () => {
    await expect(handler(event(`Bearer ${idToken({ aud: 'another-client' })}`))).rejects.toThrow(/^Unauthorized$/);
    await expect(handler(event(`Bearer ${accessToken({ client_id: 'another-client' })}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token from another user pool with 401', async () => {
    const other = idToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool' });
    await expect(handler(event(`Bearer ${other}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token signed with a key the pool did not publish with 401', async () => {
    const forged = testIssuer(pool.issuer).sign({ token_use: 'id', aud: clientId, 'cognito:groups': ['admins'] }, { kid: pool.jwks.keys[0]!.kid });
    await expect(handler(event(`Bearer ${forged}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('logs why a token was refused, and tells the client nothing but 401', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(handler(event('Bearer a.b.c'))).rejects.toThrow(/^Unauthorized$/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"message":"token refused"'));
    warn.mockRestore();
  });

  it('refuses malformed tokens and headers with 401', async () => {
    const valid = idToken();
    for (const header of ['Bearer not-a-jwt', 'Bearer a.b.c', `Bearer ${valid.slice(0, -4)}`, valid, 'Basic dXNlcjpwYXNz', '']) {
      await expect(handler(event(header)), header).rejects.toThrow(/^Unauthorized$/);
    }
  });
});
