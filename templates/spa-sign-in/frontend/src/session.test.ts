import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { startSession } from './session.js';

// oidc-client-ts's UserManager, reduced to what the session uses: the stored user, and a
// silent renewal with the refresh token that the tests decide the outcome of.
const oidc = vi.hoisted(() => ({
  stored: null as { id_token: string; expired: boolean; profile: { email?: string } } | null,
  settings: undefined as Record<string, unknown> | undefined,
  signinSilent: undefined as unknown as Mock<() => Promise<unknown>>,
  removeUser: undefined as unknown as Mock<() => Promise<void>>,
  revokeTokens: undefined as unknown as Mock<(types: string[]) => Promise<void>>,
}));

vi.mock('oidc-client-ts', () => ({
  WebStorageStateStore: class {},
  UserManager: class {
    constructor(settings: Record<string, unknown>) {
      oidc.settings = settings;
    }
    getUser = async () => oidc.stored;
    signinSilent = () => oidc.signinSilent();
    removeUser = () => oidc.removeUser();
    revokeTokens = (types: string[]) => oidc.revokeTokens(types);
  },
}));

const config = { authority: 'https://issuer.example.com/pool', clientId: 'client', signInUrl: 'https://sign-in.example.com' };
const location = { origin: 'https://app.example.com', search: '', href: 'https://app.example.com/', pathname: '/' } as Location;
const user = (idToken: string, expired = false) => ({ id_token: idToken, expired, profile: { email: 'ada@example.com' } });

/** A renewal that succeeds, storing the renewed user as oidc-client-ts does. */
const renewsTo = (idToken: string) =>
  vi.fn(async () => {
    oidc.stored = user(idToken);
    return oidc.stored;
  });

beforeEach(() => {
  oidc.stored = user('token-1');
  oidc.signinSilent = renewsTo('renewed');
  oidc.removeUser = vi.fn(async () => {
    oidc.stored = null;
  });
  oidc.revokeTokens = vi.fn(async () => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('the signed-in session', () => {
  it('has oidc-client-ts renew tokens before they expire', async () => {
    await startSession(config, location);
    expect(oidc.settings).toMatchObject({ automaticSilentRenew: true });
  });

  it('reads the current token for every call, so a renewal made meanwhile is used at once', async () => {
    const session = await startSession(config, location);
    expect(await session.token()).toBe('token-1');
    oidc.stored = user('token-2');
    expect(await session.token()).toBe('token-2');
    expect(oidc.signinSilent).not.toHaveBeenCalled();
  });

  it('renews an expired token with the refresh token before handing it out', async () => {
    const session = await startSession(config, location);
    oidc.stored = user('token-1', true);
    expect(await session.token()).toBe('renewed');
    expect(oidc.signinSilent).toHaveBeenCalledOnce();
  });

  it('renews once for every caller that finds the token expired at the same time', async () => {
    const session = await startSession(config, location);
    oidc.stored = user('token-1', true);
    expect(await Promise.all([session.token(), session.token(), session.renew()])).toEqual(['renewed', 'renewed', 'renewed']);
    expect(oidc.signinSilent).toHaveBeenCalledOnce();
  });

  it('renews, when asked, a token the API refused', async () => {
    const session = await startSession(config, location);
    expect(await session.renew()).toBe('renewed');
    expect(await session.token()).toBe('renewed');
  });

  it('renews on start a session whose token expired while the tab was asleep or closed', async () => {
    oidc.stored = user('token-1', true);
    const session = await startSession(config, location);
    expect(session.user).toEqual({ email: 'ada@example.com' });
    expect(await session.token()).toBe('renewed');
  });

  it('ends the session when it cannot be renewed (the refresh token expired or was revoked)', async () => {
    oidc.signinSilent = vi.fn(async () => Promise.reject(new Error('invalid_grant')));
    const session = await startSession(config, location);
    expect(await session.renew()).toBeUndefined();
    expect(oidc.removeUser).toHaveBeenCalledOnce();
    expect(await session.token()).toBeUndefined();

    oidc.stored = user('token-1', true);
    expect((await startSession(config, location)).user).toBeUndefined();
  });
});

describe('signing out', () => {
  const at = () => ({ ...location, assign: vi.fn() }) as unknown as Location & { assign: Mock };

  it('revokes the refresh token at Cognito, so a copy of it renews nothing, and forgets the user', async () => {
    const here = at();
    await (await startSession(config, here)).signOut();
    expect(oidc.revokeTokens).toHaveBeenCalledWith(['refresh_token']);
    expect(oidc.revokeTokens.mock.invocationCallOrder[0]!).toBeLessThan(oidc.removeUser.mock.invocationCallOrder[0]!);
    expect(oidc.stored).toBeNull();
    // The revocation endpoint is Cognito's, on the sign-in domain, even if discovery did not name it.
    expect(oidc.settings).toMatchObject({ metadataSeed: { revocation_endpoint: 'https://sign-in.example.com/oauth2/revoke' } });
  });

  it("ends the hosted session at Cognito's /logout, which returns to the site", async () => {
    const here = at();
    await (await startSession(config, here)).signOut();
    const logout = new URL(here.assign.mock.calls[0]![0] as string);
    expect(logout.origin + logout.pathname).toBe('https://sign-in.example.com/logout');
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: 'client', logout_uri: 'https://app.example.com/' });
  });

  it("signs out through the site's sign-in gate when there is one, which also forgets its own cookie", async () => {
    const here = at();
    await (await startSession({ ...config, signOutPath: '/auth/sign-out' }, here)).signOut();
    expect(here.assign).toHaveBeenCalledWith('https://app.example.com/auth/sign-out');
  });

  it('signs out all the same when Cognito cannot be reached to revoke the token', async () => {
    oidc.revokeTokens = vi.fn(async () => Promise.reject(new Error('Network error')));
    const here = at();
    await (await startSession(config, here)).signOut();
    expect(oidc.stored).toBeNull();
    expect(here.assign).toHaveBeenCalledOnce();
  });
});
