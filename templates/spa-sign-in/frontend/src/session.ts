import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Credentials } from './items-api.js';

/** What /config.json says about sign-in (written at deploy time from the auth stack). */
export interface SignInConfig {
  /** The user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<pool id>`: OIDC discovery starts here. */
  readonly authority: string;
  /** The SPA's app client: public, authorization code with PKCE. */
  readonly clientId: string;
  /** The hosted sign-in domain, whose `/logout` ends the Cognito session. */
  readonly signInUrl: string;
  /**
   * With the site's sign-in gate: its path on the site that signs out (it forgets the visitor,
   * then sends them on to Cognito's `/logout`). Without: the SPA goes to `/logout` itself.
   */
  readonly signOutPath?: string;
}

/** The signed-in session: who it is, and the token the API needs, kept current. */
export interface Session extends Credentials {
  /** The signed-in user, or undefined when signed out (or the session could not be renewed). */
  readonly user: { readonly email?: string } | undefined;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

/**
 * Sign-in with oidc-client-ts: authorization code flow with PKCE against the Cognito user
 * pool, tokens kept in sessionStorage (this tab only). Called once when the app starts; when
 * the hosted sign-in page has just sent the visitor back (`?code=&state=`), it finishes the
 * sign-in first and removes those parameters from the address bar.
 *
 * Tokens last an hour. oidc-client-ts renews them with the refresh token shortly before they
 * expire; a tab that slept through that renews on its next call (`token`), and a token the
 * API refuses anyway is renewed once more (`renew`). The refresh token itself lasts as long
 * as the app client allows (30 days by default); after that the visitor signs in again.
 *
 * Signing out revokes the refresh token at Cognito (the app client allows revocation), so a
 * copy of it renews nothing any more, then ends the hosted sign-in session.
 */
export async function startSession(config: SignInConfig, location: Location = window.location): Promise<Session> {
  const home = `${location.origin}/`;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    // Cognito's discovery document names its revocation endpoint; this is where it is, should it not.
    metadataSeed: { revocation_endpoint: new URL('/oauth2/revoke', config.signInUrl).toString() },
  });

  // Callers that find the token expired at the same moment share one renewal.
  let renewing: Promise<string | undefined> | undefined;
  const renew = () =>
    (renewing ??= manager
      .signinSilent()
      .then(
        (renewed) => renewed?.id_token,
        async (error: unknown) => {
          // Refresh token expired or revoked: the session is over, and the app shows it signed out.
          console.warn('The session could not be renewed; sign in again.', error);
          await manager.removeUser();
          return undefined;
        },
      )
      .finally(() => (renewing = undefined)));

  let user: User | null;
  const query = new URLSearchParams(location.search);
  if (query.has('code') && query.has('state')) {
    user = await manager.signinRedirectCallback(location.href);
    window.history.replaceState(null, '', location.pathname);
  } else {
    user = await manager.getUser();
    // The tab was closed (or asleep) longer than a token lasts: renew before showing the user as signed in.
    if (user?.expired && (await renew())) user = await manager.getUser();
  }
  const current = user && !user.expired && user.id_token ? user : undefined;

  return {
    user: current && { email: current.profile.email },
    async token() {
      const stored = await manager.getUser();
      if (!stored) return undefined;
      return stored.expired ? renew() : stored.id_token;
    },
    renew,
    signIn: () => manager.signinRedirect(),
    async signOut() {
      // Cognito accepts only refresh tokens here. Signing out goes on if it cannot be reached:
      // the token then lives out its time, but the visitor is still signed out.
      await manager.revokeTokens(['refresh_token']).catch((error: unknown) => console.warn('The refresh token could not be revoked.', error));
      await manager.removeUser();
      location.assign(config.signOutPath ? new URL(config.signOutPath, home).toString() : cognitoLogout(config, home));
    },
  };
}

/** Cognito's own /logout (it publishes no OIDC end_session_endpoint): ends the hosted session, then returns to `home`. */
function cognitoLogout(config: SignInConfig, home: string): string {
  const logout = new URL('/logout', config.signInUrl);
  logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: home }).toString();
  return logout.toString();
}
