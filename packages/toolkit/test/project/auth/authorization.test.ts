import { describe, expect, it } from 'vitest';
import { call, collections, devToken, endpoints } from '../support/local-api.js';

describe.each(collections)('the %s API, running locally, requires a signed-in caller', (_service, collection, apiRoot) => {
  it('answers 401 without a token, before any function runs', async () => {
    expect(await call(collection, { token: null })).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('answers 401 to a token the issuer did not sign', async () => {
    const [header, payload] = (await devToken()).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await call(collection, { token: forged })).status).toBe(401);
  });

  it('lets the dev user through with the token `npm run dev:token` prints', async () => {
    expect((await call(collection)).status).toBe(200);
  });

  it('keeps GET /health public', async () => {
    expect((await fetch(`${apiRoot}/health`)).status).toBe(200);
  });
});

describe('the local issuer, standing in for the identity provider', () => {
  // Every project with an authorizer has sign-in.
  const auth = endpoints.auth!;
  const tokenEndpoint = auth.tokenEndpoint;
  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });
  const renew = (refreshToken: string) => fetch(tokenEndpoint, form({ grant_type: 'refresh_token', refresh_token: refreshToken }));

  it('refuses a refresh token once it is revoked (sign-out), as Cognito does', async () => {
    const signedIn = await fetch(tokenEndpoint, form({ grant_type: 'password', username: 'dev', password: auth.password }));
    const { id_token, refresh_token } = (await signedIn.json()) as { id_token: string; refresh_token: string };
    const clientId = String(JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString('utf8')).aud);
    expect((await renew(refresh_token)).status).toBe(200);

    // Where an OIDC client finds the revocation endpoint: the discovery document.
    const discovery = (await (await fetch(new URL('../.well-known/openid-configuration', tokenEndpoint))).json()) as { revocation_endpoint: string };
    expect((await fetch(discovery.revocation_endpoint, form({ token: refresh_token, client_id: clientId }))).status).toBe(200);

    const refused = await renew(refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
