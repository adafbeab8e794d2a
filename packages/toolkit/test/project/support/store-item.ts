import { expect, vi } from 'vitest';
import { call, send } from './local-api.js';

type Item = { id: string; name: string; createdAt: string };

/**
 * Creates an item through the API and returns it as stored: POST answers 201 with it, or,
 * storage-first, 202 with its id once the request is queued, and the consumer stores it a
 * moment later (then it is returned once GET finds it).
 */
export async function storeItem(collection: string, input: { name: string; id?: string }): Promise<Item> {
  const answer = await send(collection, 'POST', input);
  expect([201, 202]).toContain(answer.status);
  if (answer.status === 201) return answer.body as Item;
  const { id } = answer.body as { id: string };
  return vi.waitFor(
    async () => {
      const stored = await call(`${collection}/${id}`);
      expect(stored.status).toBe(200);
      return stored.body as Item;
    },
    { timeout: 10_000, interval: 100 },
  );
}
