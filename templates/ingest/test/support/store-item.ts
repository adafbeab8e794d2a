import { expect, vi } from 'vitest';
import { call, send } from './local-api.js';

/**
 * Creates an item through the API: POST answers 202 with the item's id once the request is
 * queued, and the consumer stores it a moment later. Returns the item once GET finds it.
 */
export async function storeItem(collection: string, input: { name: string }) {
  const accepted = await send(collection, 'POST', input);
  expect(accepted.status).toBe(202);
  const { id } = accepted.body as { id: string };
  return vi.waitFor(
    async () => {
      const stored = await call(`${collection}/${id}`);
      expect(stored.status).toBe(200);
      return stored.body as { id: string; name: string; createdAt: string };
    },
    { timeout: 10_000, interval: 100 },
  );
}
