import { Stack } from 'aws-cdk-lib';
import type { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { config } from './config.js';
import type { AuthStack } from './stacks/auth-stack.js';
import type { SiteStack } from './stacks/site-stack.js';

/** Where the sign-in gate (edge/site-auth) finds the user pool: an SSM parameter in the app's region. */
export const siteAuthParameterName = `/${config.appName}/site-auth/sign-in`;

/**
 * Connects the site's sign-in gate to the user pool. The Lambda@Edge function is bundled
 * before the user pool exists, so it reads the pool's ids from an SSM parameter when it
 * starts (once per instance); its name is fixed, so the site stack does not depend on the
 * auth stack. The app client also accepts the site's own addresses as sign-in callbacks.
 */
export function connectSiteSignIn(auth: AuthStack, site: SiteStack) {
  const { userPool, spaClient, domain } = auth.users;
  new StringParameter(auth, 'SiteSignIn', {
    parameterName: siteAuthParameterName,
    description: 'The user pool the site sign-in gate (Lambda@Edge) trusts',
    stringValue: Stack.of(auth).toJsonString({ userPoolId: userPool.userPoolId, clientId: spaClient.userPoolClientId, signInUrl: domain.baseUrl() }),
  });

  // The app client's callback list comes from infra/config.ts; the site's address is known
  // only once its distribution exists, so it is added here.
  const cognito = config.auth.cognito;
  const client = spaClient.node.defaultChild as CfnUserPoolClient;
  client.callbackUrLs = [...cognito.callbackUrls, `${site.url}/auth/callback`, `${site.url}/`];
  client.logoutUrLs = [...cognito.logoutUrls, `${site.url}/`];
}
