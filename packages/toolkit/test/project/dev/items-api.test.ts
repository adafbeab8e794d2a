import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, collections, endpoints, send } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

// The API as `npm run dev` serves it, over real HTTP: API Gateway's routing and validation,
// the functions from their source, and DynamoDB.
describe.each(collections)('the %s API, running locally', (_service, collection, apiRoot) => {
  it('answers GET /health without credentials', async () => {
    const health = await fetch(`${apiRoot}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('reads, replaces and deletes an item, then answers 404 for it', async () => {
    const item = await storeItem(collection, { name: 'Tea' });
    expect(item).toMatchObject({ name: 'Tea', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    expect(await call(`${collection}/${item.id}`)).toMatchObject({ status: 200, body: item });
    const replaced = await send(`${collection}/${item.id}`, 'PUT', { name: 'Green tea', description: 'Sencha' });
    expect(replaced).toMatchObject({ status: 200, body: { id: item.id, name: 'Green tea', description: 'Sencha', createdAt: item.createdAt } });

    expect((await call(`${collection}/${item.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`${collection}/${item.id}`)).status).toBe(404);
    expect((await call(`${collection}/${item.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await send(`${collection}/${item.id}`, 'PUT', { name: 'Gone' })).status).toBe(404);
  });

  it('lists every item a page at a time, following the cursor', async () => {
    const names = ['One', 'Two', 'Three'].map((name) => `${name} ${randomUUID()}`);
    for (const name of names) await storeItem(collection, { name });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(`${collection}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { name: string }) => item.name));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(names));
  });

  it('refuses a body the model rejects with API Gateway\'s 400, before any function runs', async () => {
    const item = await storeItem(collection, { name: 'Valid' });
    const refused = await send(`${collection}/${item.id}`, 'PUT', { name: 'x', colour: 'unknown field' });
    expect(refused).toMatchObject({ status: 400, body: { message: 'Invalid request body' } });
    expect((await call(`${collection}/${item.id}`)).body.name).toBe('Valid');
  });

  it('answers 400 from the handler for an id that is not a UUID, or a page size out of range', async () => {
    expect((await call(`${collection}/not-a-uuid`)).status).toBe(400);
    expect((await call(`${collection}?limit=0`)).body).toMatchObject({ message: 'Invalid query.' });
  });

  it('answers 400 to a cursor it did not hand out, rather than passing it to DynamoDB', async () => {
    for (const key of [{ id: 5 }, { id: randomUUID(), extra: 'x' }, 'text']) {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      expect(await call(`${collection}?cursor=${cursor}`)).toMatchObject({ status: 400, body: { message: 'Invalid query.' } });
    }
  });

  it('answers 403 Missing Authentication Token for a route no API has, as API Gateway does', async () => {
    const missing = await call(`${collection}/${randomUUID()}/nothing-here`);
    expect(missing).toMatchObject({ status: 403, body: { message: 'Missing Authentication Token' } });
  });

  it('is listed in .dev/endpoints.json in the shape of the SPA\'s config.json', () => {
    expect(Object.values(endpoints.apis)).toContain(collection);
  });
});
