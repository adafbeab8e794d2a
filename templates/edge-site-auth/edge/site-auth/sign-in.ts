import type { CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';
import { createHash, randomBytes } from 'node:crypto';

/** What the function needs to know about the user pool and the site's app client; read from SSM once per instance. */
export interface SignInSettings {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The hosted sign-in domain, e.g. `https://app-1a2b3c4d.auth.eu-west-1.amazoncognito.com`. */
  readonly signInUrl: string;
}

export interface SiteAuthDeps {
  readonly settings: SignInSettings;
  /** Resolves when `token` is an unexpired ID token of this user pool and app client; rejects otherwise. */
  readonly verify: (token: string) => Promise<{ exp: number }>;
  /** Trades an authorization code (and its PKCE verifier) for tokens at the user pool's token endpoint. */
  readonly exchangeCode: (request: { code: string; verifier: string; redirectUri: string }) => Promise<{ id_token: string }>;
}

export const TOKEN_COOKIE = 'site-token';
export const PKCE_COOKIE = 'site-pkce';
export const CALLBACK_PATH = '/auth/callback';
/** Where the SPA sends the visitor to sign out: the gate forgets them, then Cognito does. */
export const SIGN_OUT_PATH = '/auth/sign-out';
/**
 * The site's sign-in gate, for a viewer-request event: a request with a valid ID token in the `site-token` cookie goes on; any other is
 * sent to the hosted sign-in page (authorization code flow with PKCE), which returns to
 * /auth/callback, where the code becomes the cookie. /auth/sign-out expires the cookie (which
 * the SPA's scripts cannot touch: it is HttpOnly) and sends the visitor on to Cognito's
 * /logout, which ends the hosted sign-in session and returns to the site, which asks to sign
 * in again. Every response it makes itself depends on the visitor, so each says `no-store`;
 * CloudFront never caches what a viewer-request function answers.
 */
export function createSiteAuth({ settings, verify, exchangeCode }: SiteAuthDeps) {
  return async (request: CloudFrontRequest, siteHost: string): Promise<CloudFrontRequest | CloudFrontResultResponse> => {
    const cookies = parseCookies(request);
    // Deployed, always https: CloudFront redirects plain HTTP before any function runs. The
    // local distribution (`npm run preview`), which is plain HTTP, says so in this header.
    const scheme = request.headers['cloudfront-forwarded-proto']?.[0]?.value === 'http' ? 'http' : 'https';
    const redirectUri = `${scheme}://${siteHost}${CALLBACK_PATH}`;

    if (request.uri === SIGN_OUT_PATH) return signOut(settings, `${scheme}://${siteHost}/`);

    // The hosted sign-in page's return to /auth/callback. Recognised by the PKCE cookie, which
    // the browser sends to that path alone.
    const query = new URLSearchParams(request.querystring);
    const code = query.get('code');
    const verifier = cookies[PKCE_COOKIE];
    if (code && verifier) {
      try {
        const { id_token } = await exchangeCode({ code, verifier, redirectUri });
        const { exp } = await verify(id_token);
        const maxAge = Math.max(0, exp - Math.floor(Date.now() / 1000));
        return redirect(returnPath(query.get('state')), [
          `${TOKEN_COOKIE}=${id_token}; Path=/; Max-Age=${maxAge}; Secure; HttpOnly; SameSite=Lax`,
          `${PKCE_COOKIE}=; Path=${CALLBACK_PATH}; Max-Age=0; Secure; HttpOnly; SameSite=Lax`,
        ]);
      } catch {
        // A stale, reused or forged code: start over rather than show an error page.
        return signIn(settings, redirectUri, returnPath(query.get('state')));
      }
    }

    const token = cookies[TOKEN_COOKIE];
    if (token) {
      try {
        await verify(token);
        return request;
      } catch {
        // Expired or not ours: sign in again.
      }
    }
    return signIn(settings, redirectUri, viewerPath(request));
  };
}

/** To the hosted sign-in page, with a fresh PKCE verifier kept in a short-lived cookie for the callback. */
function signIn(settings: SignInSettings, redirectUri: string, back: string): CloudFrontResultResponse {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL('/oauth2/authorize', settings.signInUrl);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email',
    state: back,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return redirect(authorize.toString(), [`${PKCE_COOKIE}=${verifier}; Path=${CALLBACK_PATH}; Max-Age=600; Secure; HttpOnly; SameSite=Lax`]);
}

/** Forgets the visitor here (the token cookie expires), then at Cognito, which returns them to `home`. */
function signOut(settings: SignInSettings, home: string): CloudFrontResultResponse {
  const logout = new URL('/logout', settings.signInUrl);
  logout.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: home }).toString();
  return redirect(logout.toString(), [`${TOKEN_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`]);
}

function redirect(location: string, setCookies: string[]): CloudFrontResultResponse {
  return {
    status: '302',
    statusDescription: 'Found',
    headers: {
      location: [{ key: 'Location', value: location }],
      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
      'set-cookie': setCookies.map((value) => ({ key: 'Set-Cookie', value })),
    },
  };
}

/** The path to return to after signing in, as the visitor asked for it (the gate runs before anything rewrites it). */
function viewerPath(request: CloudFrontRequest): string {
  return request.uri + (request.querystring ? `?${request.querystring}` : '');
}

/** Only a path on this site: never `//evil.example` or an absolute URL (no open redirect). */
function returnPath(state: string | null): string {
  return state && state.startsWith('/') && !state.startsWith('//') && !state.startsWith('/\\') ? state : '/';
}

function parseCookies(request: CloudFrontRequest): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of request.headers.cookie ?? []) {
    for (const pair of header.value.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) cookies[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
  }
  return cookies;
}
