import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizer } from '../../authorizer/authorize.js';
import { issuerVerifier, tokenCheck } from '../../authorizer/token-check.js';
import { testIssuer } from '../support/jwt.js';

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/items';
const event = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({ type: 'TOKEN', methodArn, authorizationToken });

describe('the Lambda authorizer', () => {
  const idp = testIssuer('https://issuer.test/');
  const audience = 'items-api';
  let handler: ReturnType<typeof authorizer>;

  beforeAll(() => {
    // A JWKS address on loopback where nothing listens: a key id the cache does not know
    // makes the verifier fetch, and that fetch fails at once, never leaving the machine.
    const verifier = issuerVerifier({ issuer: idp.issuer, audience: [audience], jwksUri: 'https://127.0.0.1:9/jwks.json' });
    // The issuer's keys, handed to the verifier up front (in Lambda it fetches them on first use).
    verifier.cacheJwks(idp.jwks);
    handler = authorizer(tokenCheck(verifier));
  });

  it('allows a valid token on the whole stage and hands the subject and scopes to the handlers', async () => {
    const result = await handler(event(`Bearer ${idp.sign({ aud: audience, sub: 'user-42', scope: 'items.read' })}`));
    expect(result.principalId).toBe('user-42');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*' },
    ]);
    expect(result.context).toEqual({ sub: 'user-42', scope: 'items.read' });
  });

  it('refuses an expired token with 401', async () => {
    const expired = idp.sign({ aud: audience, iat: idp.now() - 7200, exp: idp.now() - 3600 });
    await expect(handler(event(`Bearer ${expired}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token for another audience with 401', async () => {
    await expect(handler(event(`Bearer ${idp.sign({ aud: 'some-other-api' })}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token from another issuer with 401', async () => {
    await expect(handler(event(`Bearer ${idp.sign({ aud: audience, iss: 'https://evil.test/' })}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses a token signed with a key the issuer did not publish with 401', async () => {
    const impostor = testIssuer(idp.issuer);
    const forged = impostor.sign({ aud: audience }, { kid: idp.jwks.keys[0]!.kid });
    await expect(handler(event(`Bearer ${forged}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('logs why a token was refused, and tells the client nothing but 401', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(handler(event('Bearer a.b.c'))).rejects.toThrow(/^Unauthorized$/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"message":"token refused"'));
    warn.mockRestore();
  });

  it('refuses a token whose key id the issuer never published with 401', async () => {
    const stranger = testIssuer(idp.issuer).sign({ aud: audience });
    await expect(handler(event(`Bearer ${stranger}`))).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses malformed tokens and headers with 401', async () => {
    const valid = idp.sign({ aud: audience });
    for (const header of ['Bearer not-a-jwt', 'Bearer a.b.c', `Bearer ${valid.slice(0, -4)}`, valid, 'Basic dXNlcjpwYXNz', '']) {
      await expect(handler(event(header)), header).rejects.toThrow(/^Unauthorized$/);
    }
  });
});
