import { Duration } from 'aws-cdk-lib';
import { config } from './config.js';
import { JwtAuthorizer } from './constructs/jwt-authorizer.js';
import type { ApiAuthorization } from './constructs/service-api.js';

export interface JwtAuthorizerConfig {
  /** The identity provider's issuer (`iss`); see its /.well-known/openid-configuration. */
  readonly issuer: string;
  /** Its signing keys (`jwks_uri` in the same document). */
  readonly jwksUri: string;
  /** `aud` values this API accepts. */
  readonly audience: readonly string[];
  readonly cacheTtlSeconds: number;
}

/**
 * Every route requires a bearer JWT from the identity provider in `config.auth.jwtAuthorizer`,
 * verified by the Lambda authorizer (`authorizer/`). `GET /health` stays public.
 */
export function apiAuthorization(): ApiAuthorization {
  const settings = config.auth.jwtAuthorizer;
  return {
    bind(api) {
      const { authorizer } = new JwtAuthorizer(api, 'JwtAuthorizer', {
        description: 'Verifies bearer JWTs from the configured issuer',
        environment: { JWT_ISSUER: settings.issuer, JWT_AUDIENCE: settings.audience.join(','), JWT_JWKS_URI: settings.jwksUri },
        cacheTtl: Duration.seconds(settings.cacheTtlSeconds),
      });
      return () => ({
        authorizer,
        notCognitoBecause: 'Guarded by the Lambda authorizer, which verifies JWTs from the identity provider in infra/config.ts (auth.jwtAuthorizer); this app has no Cognito user pool.',
      });
    },
  };
}
