import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { UserDirectory, type UserDirectoryProps } from '../constructs/user-directory.js';

export interface AuthStackProps extends StackProps, UserDirectoryProps {}

/** The users: a Cognito user pool, its SPA app client and hosted sign-in, shared by every service's API. */
export class AuthStack extends Stack {
  readonly users: UserDirectory;

  constructor(scope: Construct, id: string, { siteUrl, ...props }: AuthStackProps) {
    super(scope, id, props);
    this.users = new UserDirectory(this, 'Users', { siteUrl });

    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId, description: 'The Cognito user pool' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.spaClient.userPoolClientId, description: 'The SPA app client (no secret, code flow with PKCE)' });
    new CfnOutput(this, 'SignInUrl', { value: this.users.domain.baseUrl(), description: 'The hosted sign-in domain (managed login)' });
  }
}
