import { expect } from 'vitest';
import { send } from './local-api.js';

/** Creates an item through the API (POST answers 201 with it) and returns it as stored. */
export async function storeItem(collection: string, input: { name: string; id?: string }) {
  const created = await send(collection, 'POST', input);
  expect(created.status).toBe(201);
  return created.body as { id: string; name: string; createdAt: string };
}
