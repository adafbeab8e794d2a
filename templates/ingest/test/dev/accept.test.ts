import { describe, expect, it } from 'vitest';
import { collections, send } from '../support/local-api.js';

describe.each(collections)('POST to the %s API, running locally (storage-first)', (_service, collection) => {
  it('answers 202 once the request is accepted, before anything is stored', async () => {
    expect((await send(collection, 'POST', { name: 'Tea' })).status).toBe(202);
  });

  it('refuses a body without a name with API Gateway\'s 400: nothing is queued', async () => {
    expect(await send(collection, 'POST', { description: 'no name' })).toMatchObject({ status: 400, body: { message: 'Invalid request body' } });
  });
});
