import { Duration } from 'aws-cdk-lib';
import { CognitoUserPoolsAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import { config } from './config.js';
import { JwtAuthorizer } from './constructs/jwt-authorizer.js';
import type { ApiAuthorization } from './constructs/service-api.js';
import type { UserDirectory } from './constructs/user-directory.js';

export interface JwtAuthorizerConfig {
  /** The Cognito group whose members may call the routes the Lambda authorizer guards (DELETE). */
  readonly requiredGroup: string;
  readonly cacheTtlSeconds: number;
}

/**
 * Two authorizers, one user pool:
 * - reads, creates and updates need any signed-in user: API Gateway's Cognito authorizer
 *   checks the token itself (no code, no Lambda cost);
 * - DELETE also needs membership of `requiredGroup`, which a Cognito authorizer cannot
 *   check: the Lambda authorizer verifies the same pool's token and its `cognito:groups`.
 * `GET /health` stays public. Both accept the same `Authorization: Bearer <token>` header.
 */
export function apiAuthorization(users: UserDirectory): ApiAuthorization {
  const settings = config.auth.jwtAuthorizer;
  users.userPool.addGroup('RequiredGroup', {
    groupName: settings.requiredGroup,
    description: 'Members may delete items (checked by the Lambda authorizer)',
  });
  return {
    bind(api) {
      const signedIn = new CognitoUserPoolsAuthorizer(api, 'UserPoolAuthorizer', {
        cognitoUserPools: [users.userPool],
        identitySource: 'method.request.header.Authorization',
      });
      const groupMember = new JwtAuthorizer(api, 'GroupAuthorizer', {
        description: `Verifies user pool tokens and membership of the ${settings.requiredGroup} group`,
        environment: {
          USER_POOL_ID: users.userPool.userPoolId,
          USER_POOL_CLIENT_IDS: users.spaClient.userPoolClientId,
          REQUIRED_GROUP: settings.requiredGroup,
        },
        cacheTtl: Duration.seconds(settings.cacheTtlSeconds),
      });
      return (route) =>
        route.method === 'DELETE'
          ? {
              authorizer: groupMember.authorizer,
              notCognitoBecause: `DELETE needs membership of the "${settings.requiredGroup}" Cognito group, which a Cognito authorizer cannot check; the Lambda authorizer verifies the same user pool's token and the group.`,
            }
          : { authorizer: signedIn };
    },
  };
}
