import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collections, send } from '../support/local-api.js';

describe.each(collections)('POST to the %s API, running locally', (_service, collection) => {
  it('stores the item and answers 201 with it', async () => {
    const created = await send(collection, 'POST', { name: '  Tea  ' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Tea', id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
  });

  it('answers 409 when the id the client chose is taken', async () => {
    const id = randomUUID();
    expect((await send(collection, 'POST', { id, name: 'First' })).status).toBe(201);
    expect(await send(collection, 'POST', { id, name: 'Second' })).toMatchObject({ status: 409, body: { message: `Item ${id} already exists.` } });
  });

  it('refuses a body without a name with API Gateway\'s 400', async () => {
    expect(await send(collection, 'POST', { description: 'no name' })).toMatchObject({ status: 400, body: { message: 'Invalid request body' } });
  });
});
