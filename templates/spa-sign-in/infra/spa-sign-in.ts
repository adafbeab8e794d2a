import { Stack } from 'aws-cdk-lib';
import type { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { config } from './config.js';
import type { AuthStack } from './stacks/auth-stack.js';

/**
 * Lets the SPA sign in: it learns where from /config.json, like the API addresses. The app
 * client must list the site's address as a callback. With a custom domain (site.domain in
 * infra/config.ts) that address is known here and added; the distribution's own address is
 * not known before it exists, and the auth stack cannot wait for it (the site's `/api/*`
 * behavior needs the APIs, which need the user pool), so add it to `auth.cognito.callbackUrls`
 * and `logoutUrls` after the first deployment (the README says how).
 */
export function connectSpaSignIn(auth: AuthStack) {
  const domain = config.site?.domain?.name;
  if (domain) allowSignInReturnTo(auth, `https://${domain}/`, { signOut: true });
  const { userPool, spaClient, domain: signIn } = auth.users;
  return {
    authority: `https://cognito-idp.${Stack.of(auth).region}.amazonaws.com/${userPool.userPoolId}`,
    clientId: spaClient.userPoolClientId,
    signInUrl: signIn.baseUrl(),
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
