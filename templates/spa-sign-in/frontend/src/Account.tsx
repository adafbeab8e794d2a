import { App } from './App.js';
import type { ItemsApi } from './items-api.js';
import { appName } from './service.js';
import type { Session } from './session.js';

export interface AccountProps {
  readonly session: Session;
  readonly api: ItemsApi;
  readonly title: string;
  readonly apiUrl?: string;
}

/** Signed out: a sign-in button and nothing that calls the API. Signed in: who, a sign-out button, and the items. */
export function Account({ session, api, title, apiUrl }: AccountProps) {
  if (!session.user) {
    return (
      <main className="page">
        <header className="page-header">
          <p className="eyebrow">{appName}</p>
          <h1>{title}</h1>
        </header>
        <section className="card">
          <p>Sign in to see and change your items.</p>
          <button type="button" className="primary" onClick={() => void session.signIn()}>
            Sign in
          </button>
        </section>
      </main>
    );
  }
  return (
    <>
      <div className="account">
        <span className="muted">Signed in as {session.user.email ?? 'you'}</span>
        <button type="button" className="quiet" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </div>
      <App api={api} title={title} apiUrl={apiUrl} />
    </>
  );
}
