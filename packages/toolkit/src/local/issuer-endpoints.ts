import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { devUser, type LocalIssuer, type LocalUser, type Tenant } from './local-issuer.js';
import { signInPage } from './sign-in-page.js';

interface PendingCode {
  readonly tenant: Tenant;
  readonly user: LocalUser;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge?: string;
  readonly nonce?: string;
  readonly expires: number;
}

/**
 * One identity provider's endpoints on its own local port, as a Cognito user pool and its
 * hosted sign-in domain answer them: OpenID discovery, the signing keys, the sign-in page
 * (`/oauth2/authorize`, authorization code with PKCE), the token endpoint (code, refresh
 * token, and the password grant `npm run dev:token` uses), the revocation of a refresh token
 * (`/oauth2/revoke`) and `/logout`.
 */
export class IssuerEndpoints {
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly issuer: LocalIssuer,
    private readonly tenant: Tenant,
    private readonly siteOrigin: string,
  ) {}

  handle(request: IncomingMessage, response: ServerResponse, body: string): void {
    const url = new URL(request.url!, 'http://localhost');
    const { tenant } = this;
    const json = (status: number, document: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(JSON.stringify(document));
    const redirect = (location: string, cookie?: string) =>
      response.writeHead(302, { location, 'cache-control': 'no-store', ...(cookie && { 'set-cookie': cookie }) }).end();
    const page = (status: number, html: string) => response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);

    switch (`${request.method} ${url.pathname}`) {
      case 'GET /.well-known/openid-configuration':
        json(200, this.discovery(tenant));
        break;
      case 'GET /.well-known/jwks.json':
        json(200, { keys: [this.issuer.publicKey] });
        break;
      case 'GET /oauth2/authorize':
      case 'POST /oauth2/authorize': {
        const problem = this.checkReturn(tenant, url.searchParams.get('client_id'), url.searchParams.get('redirect_uri'));
        const form = new URLSearchParams(body);
        const signedIn = this.sessionUser(request);
        if (problem) page(400, signInPage({ title: 'Sign-in refused', error: problem }));
        // Like the hosted sign-in page, a browser that signed in before goes straight back.
        else if (request.method === 'GET' && signedIn) redirect(this.issueCode(tenant, signedIn, url.searchParams));
        else if (request.method === 'GET') page(200, signInPage({ title: 'Sign in', form: true, hint: `Local sign-in: ${devUser.username} / ${devUser.password}` }));
        else if (form.get('password') !== devUser.password) page(401, signInPage({ title: 'Sign in', form: true, error: 'Incorrect username or password.', username: form.get('username') ?? '' }));
        else {
          const username = form.get('username') || devUser.username;
          redirect(this.issueCode(tenant, username, url.searchParams), `${this.sessionCookie}=${encodeURIComponent(username)}; Path=/; HttpOnly; SameSite=Lax`);
        }
        break;
      }
      case 'POST /oauth2/token':
        this.token(tenant, new URLSearchParams(body), json);
        break;
      case 'POST /oauth2/revoke':
        this.revoke(tenant, new URLSearchParams(body), json);
        break;
      case 'GET /oauth2/userInfo': {
        const claims = this.issuer.verify((request.headers.authorization ?? '').replace(/^Bearer /, ''), tenant);
        if (claims) json(200, claims);
        else json(401, { error: 'invalid_token' });
        break;
      }
      case 'GET /logout': {
        const back = url.searchParams.get('logout_uri');
        const problem = this.checkReturn(tenant, url.searchParams.get('client_id'), back);
        if (problem) page(400, signInPage({ title: 'Sign-out refused', error: problem }));
        else redirect(back!, `${this.sessionCookie}=; Path=/; Max-Age=0`);
        break;
      }
      default:
        json(404, { error: 'not_found' });
    }
  }

  /** The hosted sign-in's own session, in a cookie of the issuer's (cookies ignore ports, so it is named per provider). */
  private get sessionCookie(): string {
    return `local-issuer-${this.tenant.id}`;
  }

  private sessionUser(request: IncomingMessage): string | undefined {
    const cookie = (request.headers.cookie ?? '').split(';').find((pair) => pair.trim().startsWith(`${this.sessionCookie}=`));
    try {
      return (cookie && decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).trim())) || undefined;
    } catch {
      // Not a cookie this issuer wrote: no session.
      return undefined;
    }
  }

  private discovery(tenant: Tenant) {
    const base = this.issuer.base(tenant);
    return {
      issuer: tenant.issuer,
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      revocation_endpoint: `${base}/oauth2/revoke`,
      userinfo_endpoint: `${base}/oauth2/userInfo`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'password'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'email', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  /** Cognito sends the browser back only to an app client's listed URLs; locally, also anywhere on the local site. */
  private checkReturn(tenant: Tenant, clientId: string | null, url: string | null): string | undefined {
    if (!clientId || !tenant.audiences.includes(clientId)) return `Unknown app client: ${clientId ?? '(none)'}.`;
    if (!url) return 'No address to return to.';
    const listed = tenant.returnUrls.includes(url) || url === this.siteOrigin || url.startsWith(`${this.siteOrigin}/`);
    return listed ? undefined : `${url} is not a callback or sign-out URL of this app client.`;
  }

  private issueCode(tenant: Tenant, username: string, query: URLSearchParams): string {
    const code = randomUUID();
    const redirectUri = query.get('redirect_uri')!;
    this.codes.set(code, {
      tenant,
      user: this.issuer.user(username, tenant),
      clientId: query.get('client_id')!,
      redirectUri,
      challenge: query.get('code_challenge') ?? undefined,
      nonce: query.get('nonce') ?? undefined,
      expires: Date.now() + 5 * 60_000,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (query.has('state')) back.searchParams.set('state', query.get('state')!);
    return back.toString();
  }

  /**
   * As Cognito's /oauth2/revoke: a refresh token of this client ends, and its session with it
   * (RFC 7009: one already unknown answers 200 too); an access or ID token cannot be revoked.
   */
  private revoke(tenant: Tenant, form: URLSearchParams, json: (status: number, document: unknown) => void) {
    const clientId = form.get('client_id') ?? '';
    if (!tenant.audiences.includes(clientId)) return json(400, { error: 'invalid_client' });
    const token = form.get('token') ?? '';
    if (this.issuer.verify(token, tenant)) return json(400, { error: 'unsupported_token_type' });
    const session = this.issuer.session(token);
    if (session && (session.tenant !== tenant || session.clientId !== clientId)) return json(400, { error: 'invalid_request', error_description: 'The token was not issued to this client.' });
    this.issuer.revoke(token);
    return json(200, {});
  }

  private token(tenant: Tenant, form: URLSearchParams, json: (status: number, document: unknown) => void) {
    const clientId = form.get('client_id') ?? tenant.audiences[0]!;
    if (!tenant.audiences.includes(clientId)) return json(400, { error: 'invalid_client' });
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = this.codes.get(form.get('code') ?? '');
        this.codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const proven = !code?.challenge || createHash('sha256').update(verifier).digest('base64url') === code.challenge;
        if (!code || code.expires < Date.now() || code.clientId !== clientId || code.redirectUri !== form.get('redirect_uri') || !proven) {
          return json(400, { error: 'invalid_grant' });
        }
        return json(200, this.issuer.tokens(tenant, code.user, clientId, code.nonce));
      }
      case 'refresh_token': {
        const session = this.issuer.session(form.get('refresh_token') ?? '');
        if (!session || session.tenant !== tenant) return json(400, { error: 'invalid_grant' });
        return json(200, this.issuer.renew(session));
      }
      case 'password': {
        // Any name signs in locally, with the dev user's password.
        if (form.get('password') !== devUser.password) return json(400, { error: 'invalid_grant', error_description: 'Incorrect username or password.' });
        return json(200, this.issuer.tokens(tenant, this.issuer.user(form.get('username') ?? devUser.username, tenant), clientId));
      }
      default:
        return json(400, { error: 'unsupported_grant_type' });
    }
  }
}
