import { describe, expect, it } from 'vitest';
import { call, collections, devToken } from '../support/local-api.js';

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
