import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** What /config.json says about sign-in (written at deploy time from the auth stack). */
export interface SignInConfig {
  /** The user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<pool id>`: OIDC discovery starts here. */
  readonly authority: string;
  /** The SPA's app client: public, authorization code with PKCE. */
  readonly clientId: string;
  /** The hosted sign-in domain, whose `/logout` ends the Cognito session. */
  readonly signInUrl: string;
}

export interface Session {
  /** The signed-in user, or undefined when signed out (or the token expired). */
  readonly user: { readonly email?: string; readonly idToken: string } | undefined;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

/**
 * Sign-in with oidc-client-ts: authorization code flow with PKCE against the Cognito user
 * pool, tokens kept in sessionStorage (this tab only). Called once when the app starts; when
 * the hosted sign-in page has just sent the visitor back (`?code=&state=`), it finishes the
 * sign-in first and removes those parameters from the address bar.
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
  });

  let user: User | null;
  const query = new URLSearchParams(location.search);
  if (query.has('code') && query.has('state')) {
    user = await manager.signinRedirectCallback(location.href);
    window.history.replaceState(null, '', location.pathname);
  } else {
    user = await manager.getUser();
  }
  const current = user && !user.expired && user.id_token ? user : undefined;

  return {
    user: current && { email: current.profile.email, idToken: current.id_token! },
    signIn: () => manager.signinRedirect(),
    async signOut() {
      await manager.removeUser();
      // Cognito publishes no OIDC end_session_endpoint; its own /logout ends the hosted session.
      const logout = new URL('/logout', config.signInUrl);
      logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: home }).toString();
      location.assign(logout.toString());
    },
  };
}
