import type { CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createSiteAuth, type SiteAuthDeps } from '../../edge/site-auth/sign-in.js';
import { spaRoute } from '../../edge/site-auth/spa-route.js';

// A viewer request, as CloudFront hands it to Lambda@Edge: the viewer's own headers.
function viewerRequest(uri: string, { cookie, querystring = '' }: { cookie?: string; querystring?: string } = {}): CloudFrontRequest {
  return {
    clientIp: '198.51.100.7',
    method: 'GET',
    uri,
    querystring,
    headers: {
      host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }],
      ...(cookie && { cookie: [{ key: 'Cookie', value: cookie }] }),
    },
  };
}

const settings = { userPoolId: 'eu-west-1_Example', clientId: 'client123', signInUrl: 'https://shop-1a2b3c4d.auth.eu-west-1.amazoncognito.com' };
const host = 'd111111abcdef8.cloudfront.net';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function gate(overrides: Partial<SiteAuthDeps> = {}) {
  const verify = vi.fn(async (token: string) => {
    if (token === 'valid-id-token') return { exp: inAnHour() };
    throw new Error('Token expired');
  });
  const exchangeCode = vi.fn(async ({ code }: { code: string }) => {
    if (code === 'good-code') return { id_token: 'valid-id-token' };
    throw new Error('invalid_grant');
  });
  return { check: createSiteAuth({ settings, verify, exchangeCode, ...overrides }), verify, exchangeCode };
}

const asResponse = (result: unknown) => result as CloudFrontResultResponse;
const header = (result: unknown, name: string) => asResponse(result).headers![name]!.map((h) => h.value);

describe('the site sign-in gate (Lambda@Edge)', () => {
  it('lets a request with a valid token cookie through, unchanged', async () => {
    const { check } = gate();
    const request = viewerRequest('/index.html', { cookie: 'other=1; site-token=valid-id-token' });
    expect(await check(request, host)).toBe(request);
  });

  it('sends a visitor without a token to the hosted sign-in page, with PKCE, remembering where they were going', async () => {
    const { check } = gate();
    const result = await check(viewerRequest('/items/42', { querystring: 'tab=new' }), host);
    expect(asResponse(result).status).toBe('302');
    expect(header(result, 'cache-control')).toEqual(['no-store']);

    const location = new URL(header(result, 'location')[0]!);
    expect(location.origin + location.pathname).toBe(`${settings.signInUrl}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: `https://${host}/auth/callback`,
      state: '/items/42?tab=new',
      code_challenge_method: 'S256',
    });
    const [pkce] = header(result, 'set-cookie');
    const verifier = /^site-pkce=([\w-]+); Path=\/auth\/callback; Max-Age=600; Secure; HttpOnly; SameSite=Lax$/.exec(pkce!)![1]!;
    expect(location.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('returns to the path the visitor asked for, with its query', async () => {
    const { check } = gate();
    const stateOf = async (uri: string, querystring = '') => new URL(header(await check(viewerRequest(uri, { querystring }), host), 'location')[0]!).searchParams.get('state');
    expect(await stateOf('/assets/app.js')).toBe('/assets/app.js');
    expect(await stateOf('/items', 'page=2')).toBe('/items?page=2');
  });

  it('sends a visitor with an expired or forged token to sign in again', async () => {
    const { check } = gate();
    expect(asResponse(await check(viewerRequest('/', { cookie: 'site-token=expired' }), host)).status).toBe('302');
  });

  it('turns the callback\'s code into the token cookie and returns the visitor to where they were going', async () => {
    const { check, exchangeCode } = gate();
    const result = await check(
      viewerRequest('/auth/callback', { cookie: 'site-pkce=the-verifier', querystring: `code=good-code&state=${encodeURIComponent('/items/42')}` }),
      host,
    );
    expect(exchangeCode).toHaveBeenCalledWith({ code: 'good-code', verifier: 'the-verifier', redirectUri: `https://${host}/auth/callback` });
    expect(asResponse(result).status).toBe('302');
    expect(header(result, 'location')).toEqual(['/items/42']);
    const [token, clearPkce, ...others] = header(result, 'set-cookie');
    expect(token).toMatch(/^site-token=valid-id-token; Path=\/; Max-Age=(3599|3600); Secure; HttpOnly; SameSite=Lax$/);
    expect(clearPkce).toMatch(/^site-pkce=; Path=\/auth\/callback; Max-Age=0/);
    expect(others).toEqual([]);
  });

  it('recognises the callback by its PKCE cookie, whatever the path', async () => {
    const { check } = gate();
    for (const uri of ['/auth/callback', '/index.html']) {
      const result = await check(viewerRequest(uri, { cookie: 'site-pkce=v', querystring: 'code=good-code&state=%2F' }), host);
      expect(header(result, 'set-cookie')[0]).toMatch(/^site-token=valid-id-token;/);
    }
  });

  it('never redirects off the site after the callback (no open redirect)', async () => {
    const { check } = gate();
    for (const state of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const result = await check(viewerRequest('/auth/callback', { cookie: 'site-pkce=v', querystring: `code=good-code&state=${encodeURIComponent(state)}` }), host);
      expect(header(result, 'location')).toEqual(['/']);
    }
  });

  it('starts over when the code is refused or the PKCE cookie is missing', async () => {
    const { check, exchangeCode } = gate();
    const refused = await check(viewerRequest('/auth/callback', { cookie: 'site-pkce=v', querystring: 'code=stale-code&state=%2F' }), host);
    expect(header(refused, 'location')[0]).toMatch(/^https:\/\/shop-1a2b3c4d\.auth\.eu-west-1\.amazoncognito\.com\/oauth2\/authorize\?/);
    exchangeCode.mockClear();
    const noCookie = await check(viewerRequest('/auth/callback', { querystring: 'code=good-code' }), host);
    expect(header(noCookie, 'location')[0]).toMatch(/\/oauth2\/authorize\?/);
    expect(exchangeCode).not.toHaveBeenCalled();
  });
});

describe('signing out at the gate (/auth/sign-out)', () => {
  const home = `https://${host}/`;

  it('forgets the visitor here (HttpOnly cookies the SPA cannot clear), then sends them to Cognito\'s /logout, which returns to the site', async () => {
    const { check, verify } = gate();
    const result = await check(viewerRequest('/auth/sign-out', { cookie: 'site-token=valid-id-token' }), host);
    expect(asResponse(result).status).toBe('302');
    expect(header(result, 'cache-control')).toEqual(['no-store']);
    const logout = new URL(header(result, 'location')[0]!);
    expect(logout.origin + logout.pathname).toBe(`${settings.signInUrl}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: settings.clientId, logout_uri: home });
    expect(header(result, 'set-cookie')).toEqual(['site-token=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax']);
    // A valid token does not keep anyone signed in who asked to sign out.
    expect(verify).not.toHaveBeenCalled();
  });

  it('signs out a visitor whose token already expired too (Cognito\'s own session may still be open)', async () => {
    const { check } = gate();
    const result = await check(viewerRequest('/auth/sign-out', { cookie: 'site-token=expired' }), host);
    expect(header(result, 'location')[0]).toMatch(/\/logout\?/);
  });

  it('returns over plain HTTP to the local distribution (npm run preview), which says so', async () => {
    const { check } = gate();
    const request = viewerRequest('/auth/sign-out');
    request.headers['cloudfront-forwarded-proto'] = [{ key: 'CloudFront-Forwarded-Proto', value: 'http' }];
    const logout = new URL(header(await check(request, 'localhost:4173'), 'location')[0]!);
    expect(logout.searchParams.get('logout_uri')).toBe('http://localhost:4173/');
  });
});

describe('the SPA fallback the gate applies once a visitor is signed in (at viewer request)', () => {
  it('answers the app\'s routes with index.html and leaves files alone', () => {
    expect(spaRoute('/')).toBe('/index.html');
    expect(spaRoute('/items/42')).toBe('/index.html');
    expect(spaRoute('/auth/callback')).toBe('/index.html');
    expect(spaRoute('/assets/app-1a2b.js')).toBe('/assets/app-1a2b.js');
    expect(spaRoute('/config.json')).toBe('/config.json');
  });
});
