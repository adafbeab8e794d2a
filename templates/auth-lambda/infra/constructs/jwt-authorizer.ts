import { Duration } from 'aws-cdk-lib';
import { IdentitySource, TokenAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { ServiceFunction } from './service-function.js';

export interface JwtAuthorizerProps {
  readonly description: string;
  /** What the function verifies tokens against (issuer, audience, keys). */
  readonly environment: Record<string, string>;
  /** How long API Gateway reuses a token's policy without calling the function again. */
  readonly cacheTtl: Duration;
}

/**
 * A Lambda TOKEN authorizer (`authorizer/handler.ts`). TOKEN rather than REQUEST because the
 * bearer token is all it needs: API Gateway then rejects a missing or malformed header
 * itself, without invoking the function, and caches each token's policy.
 */
export class JwtAuthorizer extends Construct {
  readonly authorizer: TokenAuthorizer;

  constructor(scope: Construct, id: string, props: JwtAuthorizerProps) {
    super(scope, id);
    const verifier = new ServiceFunction(this, 'Verifier', {
      entry: 'authorizer/handler.ts',
      description: props.description,
      environment: props.environment,
      timeout: Duration.seconds(5),
    });
    this.authorizer = new TokenAuthorizer(this, 'Authorizer', {
      handler: verifier.function,
      identitySource: IdentitySource.header('Authorization'),
      // Anything but "Bearer <header>.<payload>.<signature>" is a 401 from API Gateway: no invocation, no cost.
      validationRegex: '^Bearer [-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+$',
      resultsCacheTtl: props.cacheTtl,
    });
  }
}
