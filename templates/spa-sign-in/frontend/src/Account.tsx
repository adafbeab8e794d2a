import { App } from './App.js';
import type { ItemsApi } from './items-api.js';
import type { Session } from './session.js';

export interface AccountProps {
  readonly session: Session;
  readonly api: ItemsApi;
  readonly title: string;
}

/** Signed out: a sign-in button and nothing that calls the API. Signed in: who, a sign-out button, and the items. */
export function Account({ session, api, title }: AccountProps) {
  if (!session.user) {
    return (
      <main>
        <h1>{title}</h1>
        <p>Sign in to see and change your items.</p>
        <button type="button" onClick={() => void session.signIn()}>
          Sign in
        </button>
      </main>
    );
  }
  return (
    <>
      <header>
        <span>Signed in as {session.user.email ?? 'you'}</span>{' '}
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </header>
      <App api={api} title={title} />
    </>
  );
}
