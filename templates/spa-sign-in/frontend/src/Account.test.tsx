import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Account } from './Account.js';
import { itemsApi } from './items-api.js';
import type { Session } from './session.js';

const session = (user: Session['user'], token?: string): Session => ({
  user,
  token: vi.fn(async () => token),
  renew: vi.fn(async () => undefined),
  signIn: vi.fn(async () => {}),
  signOut: vi.fn(async () => {}),
});

function fakeFetch() {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify({ items: [{ id: '1', name: 'Tea', createdAt: '', updatedAt: '' }] }), { status: 200 }));
}

describe('signed out', () => {
  it('offers to sign in, and sends the visitor to the hosted sign-in page when asked', async () => {
    const signedOut = session(undefined);
    const fetchFn = fakeFetch();
    render(<Account session={signedOut} api={itemsApi('/api/items', fetchFn, signedOut)} title="Your items" />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signedOut.signIn).toHaveBeenCalledOnce();
  });

  it('never calls the API, which would only answer 401', () => {
    const fetchFn = fakeFetch();
    const signedOut = session(undefined);
    render(<Account session={signedOut} api={itemsApi('/api/items', fetchFn, signedOut)} title="Your items" />);
    expect(fetchFn).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});

describe('signed in', () => {
  const user = { email: 'ada@example.com' };

  it('says who is signed in and sends the ID token to the API as a bearer token', async () => {
    const fetchFn = fakeFetch();
    const signedIn = session(user, 'header.payload.signature');
    render(<Account session={signedIn} api={itemsApi('/api/items', fetchFn, signedIn)} title="Your items" />);
    expect(screen.getByText('Signed in as ada@example.com')).toBeDefined();
    expect(await screen.findByText('Tea')).toBeDefined();
    const [, init] = fetchFn.mock.calls[0]!;
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer header.payload.signature');
  });

  it('signs out when asked', async () => {
    const signedIn = session(user, 'header.payload.signature');
    render(<Account session={signedIn} api={itemsApi('/api/items', fakeFetch(), signedIn)} title="Your items" />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(signedIn.signOut).toHaveBeenCalledOnce();
  });
});
