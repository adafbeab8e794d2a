import { Stack } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { config } from './config.js';
import { allowSignInReturnTo } from './spa-sign-in.js';
import type { AuthStack } from './stacks/auth-stack.js';

/** Where the sign-in gate (edge/site-auth) finds the user pool: an SSM parameter in the app's region. */
export const siteAuthParameterName = `/${config.appName}/site-auth/sign-in`;

/**
 * Connects the site's sign-in gate to the user pool. The Lambda@Edge function is bundled
 * before the user pool exists, so it reads the pool's ids from an SSM parameter when it
 * starts (once per instance); its name is fixed, so the site stack does not depend on the
 * auth stack.
 */
export function connectSiteSignIn(auth: AuthStack) {
  const { userPool, spaClient, domain } = auth.users;
  new StringParameter(auth, 'SiteSignIn', {
    parameterName: siteAuthParameterName,
    description: 'The user pool the site sign-in gate (Lambda@Edge) trusts',
    stringValue: Stack.of(auth).toJsonString({ userPoolId: userPool.userPoolId, clientId: spaClient.userPoolClientId, signInUrl: domain.baseUrl() }),
  });

  // The hosted sign-in page returns visitors to the gate's callback: known here with a custom
  // domain; otherwise add https://<distribution>/auth/callback to auth.cognito.callbackUrls
  // after the first deployment (see connectSpaSignIn for why).
  const siteDomain = config.site?.domain?.name;
  if (siteDomain) allowSignInReturnTo(auth, `https://${siteDomain}/auth/callback`);
}
