import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { TokenCheck } from './authorize.js';

export interface IssuerSettings {
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** Accepted `aud` values. */
  readonly audience: readonly string[];
  /** Where the issuer publishes its signing keys; fetched on first use and when a new key id shows up. */
  readonly jwksUri: string;
}

export function issuerVerifier(settings: IssuerSettings) {
  return JwtRsaVerifier.create({ issuer: settings.issuer, audience: [...settings.audience], jwksUri: settings.jwksUri });
}

/**
 * Accepts any token the configured issuer signed for this API's audience, unexpired
 * (aws-jwt-verify checks signature, `iss`, `aud`, `exp` and `nbf`). The subject and the
 * granted scopes go to the handlers.
 */
export function tokenCheck(verifier: ReturnType<typeof issuerVerifier>): TokenCheck {
  return async (token) => {
    const claims = await verifier.verify(token);
    if (!claims.sub) throw new Error('The token names no subject');
    const scope = typeof claims.scope === 'string' ? claims.scope : '';
    return { subject: claims.sub, allowed: true, context: { sub: claims.sub, scope } };
  };
}

/** The settings `infra/api-authorization.ts` passes to the function. */
export function tokenCheckFromEnvironment(env: NodeJS.ProcessEnv): TokenCheck {
  const setting = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  return tokenCheck(
    issuerVerifier({ issuer: setting('JWT_ISSUER'), audience: setting('JWT_AUDIENCE').split(','), jwksUri: setting('JWT_JWKS_URI') }),
  );
}
