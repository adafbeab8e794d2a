import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDescription } from './app-resources.js';
import type { LocalApp } from './local-app.js';
import { localUserPoolId } from './local-names.js';

/** Someone who signs in locally: the dev user belongs to every group, anyone else to none. */
export interface LocalUser {
  readonly username: string;
  readonly email: string;
  readonly sub: string;
  readonly groups: readonly string[];
}

/** An identity provider the local issuer stands in for: a Cognito user pool, or the issuer the Lambda authorizer trusts. */
export interface Tenant {
  /** The path segment of its local endpoints: the pool id, or `jwt`. */
  readonly id: string;
  /** `iss` of its tokens, exactly as the real provider writes it. */
  readonly issuer: string;
  /** Its real signing keys' address, which functions are sent to the local one instead. */
  readonly jwksUri: string;
  /** Where sign-in and sign-out may send the browser back to (the app clients' callback and sign-out URLs). */
  readonly returnUrls: readonly string[];
  /** App client ids (Cognito), or the audiences the Lambda authorizer accepts. */
  readonly audiences: readonly string[];
  readonly cognito: boolean;
  readonly groups: readonly string[];
}

/** An identity provider outside the app whose tokens a Lambda authorizer accepts. */
export interface TrustedIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly audience: readonly string[];
}

/**
 * The issuer outside the app that a Lambda authorizer trusts, as its function's environment
 * names it: `JWT_ISSUER`, `JWT_JWKS_URI` and `JWT_AUDIENCE` (comma-separated), literal values
 * (an issuer the app builds itself, a user pool, is already stood in for).
 */
export function trustedIssuerOf(description: AppDescription): TrustedIssuer | undefined {
  for (const resource of description.resources) {
    if (resource.type !== 'AWS::Lambda::Function') continue;
    const variables = ((resource.properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const { JWT_ISSUER: issuer, JWT_JWKS_URI: jwksUri, JWT_AUDIENCE: audience } = variables;
    if ([issuer, jwksUri, audience].every((value) => typeof value === 'string' && !value.includes('«ref:'))) {
      return { issuer: issuer as string, jwksUri: jwksUri as string, audience: (audience as string).split(',').filter(Boolean) };
    }
  }
  return undefined;
}

export const devUser = { username: 'dev', password: 'dev-password' } as const;

/** A signed-in user's session with one app client, continued by its refresh token. */
export interface Session {
  readonly tenant: Tenant;
  readonly user: LocalUser;
  readonly clientId: string;
  /** When the user signed in (`auth_time`): the same in every token the session renews. */
  readonly authTime: number;
}

const tokenLifetimeSeconds = 3600;

/**
 * A local OpenID Connect issuer standing in for the app's user pools (and for the issuer the
 * Lambda authorizer trusts): it signs tokens of the same shape (RS256, Cognito's claims and
 * `iss`), publishes the keys, and answers the token endpoint. Its key is kept in .dev/, so
 * tokens survive a restart.
 */
export class LocalIssuer {
  readonly tenants: readonly Tenant[];
  private key?: { readonly privateKey: KeyObject; readonly publicJwk: JsonWebKey & { kid: string } };
  private readonly refreshTokens = new Map<string, Session>();

  constructor(
    private readonly app: LocalApp,
    private readonly root: string,
    trusted?: TrustedIssuer,
  ) {
    this.tenants = tenantsOf(app, trusted);
  }

  /** The signing key, loaded (or made) on first use: an app without sign-in never needs one. */
  private get signing() {
    if (!this.key) {
      const privateKey = loadKey(this.root);
      const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
      this.key = { privateKey, publicJwk: { ...jwk, kid: createHash('sha256').update(JSON.stringify(jwk)).digest('hex').slice(0, 16), alg: 'RS256', use: 'sig' } };
    }
    return this.key;
  }

  /** Where each tenant's endpoints are locally: a port of its own, as a user pool has a domain of its own. */
  base(tenant: Tenant): string {
    return this.app.issuerOrigin(tenant.id);
  }

  get publicKey(): JsonWebKey & { kid: string } {
    return this.signing.publicJwk;
  }

  /** Functions fetch signing keys from the real providers' addresses; these send them here. */
  redirects(): Record<string, string> {
    return Object.fromEntries(this.tenants.map((tenant) => [tenant.jwksUri, `${this.base(tenant)}/.well-known/jwks.json`]));
  }

  user(name: string, tenant: Tenant): LocalUser {
    const email = name.includes('@') ? name : `${name}@example.com`;
    const groups = name === devUser.username ? tenant.groups : [];
    return { username: name, email, sub: uuidFrom(`${tenant.id}:${email}`), groups };
  }

  /** The tokens a sign-in gives `user`: an ID token, an access token and a refresh token. */
  tokens(tenant: Tenant, user: LocalUser, clientId = tenant.audiences[0]!, nonce?: string) {
    const session = { tenant, user, clientId, authTime: Math.floor(Date.now() / 1000) };
    const refresh = randomUUID();
    this.refreshTokens.set(refresh, session);
    return { ...this.renew(session, nonce), refresh_token: refresh };
  }

  /** What a refresh token gives, as Cognito answers it: new ID and access tokens for the same sign-in, and no new refresh token. */
  renew({ tenant, user, clientId, authTime }: Session, nonce?: string) {
    const now = Math.floor(Date.now() / 1000);
    const common = { sub: user.sub, iss: tenant.issuer, iat: now, auth_time: authTime, exp: now + tokenLifetimeSeconds, jti: randomUUID() };
    const groups = user.groups.length ? { 'cognito:groups': [...user.groups] } : {};
    const id = tenant.cognito
      ? { ...common, ...groups, ...(nonce && { nonce }), aud: clientId, token_use: 'id', 'cognito:username': user.username, email: user.email, email_verified: true }
      : { ...common, ...(nonce && { nonce }), aud: clientId, email: user.email };
    const access = tenant.cognito
      ? { ...common, ...groups, client_id: clientId, token_use: 'access', scope: 'openid email profile', username: user.username }
      : { ...common, aud: clientId, scope: 'openid email profile' };
    return { id_token: this.sign(id), access_token: this.sign(access), token_type: 'Bearer', expires_in: tokenLifetimeSeconds };
  }

  /** The session a refresh token continues, if this issuer handed it out and it was not revoked. */
  session(refreshToken: string): Session | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /** Ends the session a refresh token continues: from now on it renews nothing. */
  revoke(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }

  /** The claims of a token this issuer signed for `tenant`, unexpired; undefined otherwise. */
  verify(token: string, tenant: Tenant): Record<string, unknown> | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(this.signing.privateKey), Buffer.from(signature, 'base64url'));
    if (!valid) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fresh = typeof claims.exp === 'number' && claims.exp > Date.now() / 1000;
    return fresh && claims.iss === tenant.issuer ? claims : undefined;
  }

  sign(claims: object): string {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.signing.publicJwk.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${header}.${payload}.${sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.signing.privateKey).toString('base64url')}`;
  }
}

/** Every user pool of the app, and the external issuer the Lambda authorizer trusts, if any. */
function tenantsOf(app: LocalApp, trusted: TrustedIssuer | undefined): Tenant[] {
  const pools = app.ofType('AWS::Cognito::UserPool').map((pool): Tenant => {
    const id = localUserPoolId(pool);
    const issuer = `https://cognito-idp.${pool.region}.amazonaws.com/${id}`;
    const ofPool = (type: string) => app.ofType(type).filter((resource) => resource.properties.UserPoolId === id);
    // The pool's own app client first, the one the APIs' callers use: a token asked for without
    // a client id is for it. (Other stacks may add clients of their own, as the site does.)
    const stackOf = (resource: { path: string }) => resource.path.split('/')[0];
    const clients = ofPool('AWS::Cognito::UserPoolClient').sort((a, b) => Number(stackOf(b) === stackOf(pool)) - Number(stackOf(a) === stackOf(pool)));
    return {
      id,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audiences: clients.map((client) => app.referenceTo(client)),
      returnUrls: clients.flatMap((client) => [...(client.properties.CallbackURLs ?? []), ...(client.properties.LogoutURLs ?? [])]),
      cognito: true,
      groups: ofPool('AWS::Cognito::UserPoolGroup').map((group) => group.properties.GroupName as string),
    };
  });
  return trusted ? [...pools, { id: 'jwt', issuer: trusted.issuer, jwksUri: trusted.jwksUri, audiences: trusted.audience, returnUrls: [], cognito: false, groups: [] }] : pools;
}

function loadKey(root: string): KeyObject {
  const file = join(root, '.dev', 'issuer-key.json');
  try {
    return createPrivateKey({ key: JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey, format: 'jwk' });
  } catch {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    mkdirSync(join(root, '.dev'), { recursive: true });
    writeFileSync(file, JSON.stringify(privateKey.export({ format: 'jwk' })), { mode: 0o600 });
    return privateKey;
  }
}

/** The same name always gets the same subject, as a Cognito user keeps theirs. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
