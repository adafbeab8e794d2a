import { CognitoUserPoolsAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ApiAuthorization } from './constructs/service-api.js';
import type { UserDirectory } from './constructs/user-directory.js';

/**
 * Every route requires a signed-in user: API Gateway's Cognito authorizer checks the token's
 * signature, expiry and issuer against the user pool before any function runs (no code of
 * ours, no Lambda cost), and passes the claims to the handler. `GET /health` stays public.
 */
export function apiAuthorization(users: UserDirectory): ApiAuthorization {
  return {
    bind(api) {
      const authorizer = new CognitoUserPoolsAuthorizer(api, 'UserPoolAuthorizer', {
        cognitoUserPools: [users.userPool],
        identitySource: 'method.request.header.Authorization',
      });
      return () => ({ authorizer });
    },
  };
}
