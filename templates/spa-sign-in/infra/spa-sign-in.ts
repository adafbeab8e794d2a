import { Stack } from 'aws-cdk-lib';
import type { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { AuthStack } from './stacks/auth-stack.js';
import type { SiteStack } from './stacks/site-stack.js';

/**
 * Lets the SPA sign in: the app client may send visitors back to the site (its address is
 * known only once the distribution exists, so it joins the callbacks from infra/config.ts
 * here), and the SPA learns where to sign in from /config.json, like the API addresses.
 */
export function connectSpaSignIn(auth: AuthStack, site: SiteStack) {
  allowSignInReturnTo(auth, `${site.url}/`, { signOut: true });
  const { userPool, spaClient, domain } = auth.users;
  return {
    authority: `https://cognito-idp.${Stack.of(auth).region}.amazonaws.com/${userPool.userPoolId}`,
    clientId: spaClient.userPoolClientId,
    signInUrl: domain.baseUrl(),
  };
}

/** Adds `url` to the app client's sign-in callbacks (and sign-out URLs). */
export function allowSignInReturnTo(auth: AuthStack, url: string, { signOut = false } = {}) {
  const client = auth.users.spaClient.node.defaultChild as CfnUserPoolClient;
  client.callbackUrLs = [...(client.callbackUrLs ?? []), url];
  if (signOut) client.logoutUrLs = [...(client.logoutUrLs ?? []), url];
}

/** Where the SPA's own scripts talk to while signing in: OIDC discovery and the token endpoint. */
export function signInConnectSources(region: string): string[] {
  return [`https://cognito-idp.${region}.amazonaws.com`, `https://*.auth.${region}.amazoncognito.com`];
}
