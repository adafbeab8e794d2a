import { type FormEvent, useEffect, useState } from 'react';
import type { Item, ItemsApi } from './items-api.js';

export interface AppProps {
  readonly api: ItemsApi;
  readonly title: string;
}

/** Lists the service's items and lets the visitor add and delete them. */
export function App({ api, title }: AppProps) {
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
      setItems((list) => [created, ...(list ?? [])]);
      setName('');
    });
  };

  const remove = (id: string) =>
    void run(async () => {
      await api.remove(id);
      setItems((list) => list?.filter((item) => item.id !== id));
    });

  return (
    <main>
      <h1>{title}</h1>
      <form onSubmit={add}>
        <label>
          Name <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          Add
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {items === undefined && !error && <p role="status">Loading…</p>}
      {items?.length === 0 && <p>Nothing here yet.</p>}
      <ul>
        {items?.map((item) => (
          <li key={item.id}>
            <span>{item.name}</span>{' '}
            <button type="button" onClick={() => remove(item.id)} disabled={busy} aria-label={`Delete ${item.name}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
