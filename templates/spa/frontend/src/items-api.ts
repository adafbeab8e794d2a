export interface Item {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewItem {
  readonly name: string;
  readonly description?: string;
}

export interface ItemsApi {
  list(): Promise<Item[]>;
  create(item: NewItem): Promise<Item>;
  remove(id: string): Promise<void>;
}

/** A failed call, with the message the API gave (`{ "message": ... }`) when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The service's REST API: `collectionUrl` is e.g. `https://.../prod/items` or `/api/items`.
 * `token` gives the signed-in user's token, sent as `Authorization: Bearer`, when the API needs one.
 */
export function itemsApi(collectionUrl: string, fetchFn: typeof fetch = fetch, token: () => string | undefined = () => undefined): ItemsApi {
  const base = collectionUrl.replace(/\/+$/, '');

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    const bearer = token();
    const response = await fetchFn(`${base}${path}`, {
      ...init,
      headers: {
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
    });
    if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
    return response;
  }

  return {
    async list() {
      // The first page is enough for this screen; the API pages with `cursor` beyond 100.
      const page = (await (await call('?limit=100')).json()) as { items: Item[] };
      return page.items;
    },
    async create(item) {
      return (await (await call('', { method: 'POST', body: JSON.stringify(item) })).json()) as Item;
    },
    async remove(id) {
      await call(`/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
  };
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `The API answered ${response.status}.`;
}
