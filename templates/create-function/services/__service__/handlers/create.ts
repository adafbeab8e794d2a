import { randomUUID } from 'node:crypto';
import { HttpError, httpHandler, json, parseBody } from '../lib/http.js';
import { type Item, newItem } from '../lib/item.js';
import { createItem } from '../lib/repository.js';

/** POST: 201 with the stored item, 409 when the client-chosen id is taken. */
export const handler = httpHandler(async (event) => {
  const { id = randomUUID(), ...input } = parseBody(event, newItem);
  const now = new Date().toISOString();
  const item: Item = { ...input, id, createdAt: now, updatedAt: now };
  if (!(await createItem(item))) throw new HttpError(409, `Item ${id} already exists.`);
  console.info('Item created', { id });
  return json(201, item);
});
