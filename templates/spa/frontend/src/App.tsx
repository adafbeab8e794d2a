import { type FormEvent, useEffect, useState } from 'react';
import type { Item, ItemsApi } from './items-api.js';
import { appName } from './service.js';

export interface AppProps {
  readonly api: ItemsApi;
  readonly title: string;
  /** Where the items come from, shown under the title: the collection URL from config.json. */
  readonly apiUrl?: string;
}

/** Lists the service's items and lets the visitor add and delete them. */
export function App({ api, title, apiUrl }: AppProps) {
  const [items, setItems] = useState<Item[]>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.list().then(
      (loaded) => current && setItems(loaded),
      (e: unknown) => current && setError(messageOf(e)),
    );
    // A re-render with another api (or StrictMode's double effect) must not apply a stale answer.
    return () => {
      current = false;
    };
  }, [api]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api.create({ name: name.trim() });
      // The first page may have loaded after the item was stored, and already hold it.
      setItems((list) => [created, ...(list ?? []).filter((item) => item.id !== created.id)]);
      setName('');
    });
  };

  const remove = (id: string) =>
    void run(async () => {
      await api.remove(id);
      setItems((list) => list?.filter((item) => item.id !== id));
    });

  return (
    <main className="page">
      <header className="page-header">
        <p className="eyebrow">{appName}</p>
        <h1>{title}</h1>
        {apiUrl && (
          <p className="muted">
            Served by <code>{apiUrl}</code>
          </p>
        )}
      </header>
      <form className="card add-form" onSubmit={add}>
        <label htmlFor="new-item-name">Name</label>
        <div className="row">
          <input id="new-item-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} placeholder="What should the list hold?" required />
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            Add
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="card error">
          {error}
        </p>
      )}
      <section className="card" aria-busy={items === undefined && !error}>
        {items === undefined && !error && (
          <p role="status" className="muted loading">
            Loading…
          </p>
        )}
        {items?.length === 0 && <p className="muted empty">Nothing here yet.</p>}
        <ul className="items">
          {items?.map((item) => (
            <li key={item.id}>
              <span>{item.name}</span>
              <button type="button" className="quiet" onClick={() => remove(item.id)} disabled={busy} aria-label={`Delete ${item.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
