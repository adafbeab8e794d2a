import { describe, expect, it, vi } from 'vitest';
import { call, collections, send } from '../support/local-api.js';

describe.each(collections)('POST to the %s API, running locally (storage-first)', (_service, collection) => {
  it('answers 202 with the id the item will have, and the consumer stores it under that id', async () => {
    const accepted = await send(collection, 'POST', { name: '  Tea  ' });
    expect(accepted).toMatchObject({ status: 202, body: { id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) } });
    const stored = await vi.waitFor(
      async () => {
        const answer = await call(`${collection}/${accepted.body.id}`);
        expect(answer.status).toBe(200);
        return answer.body;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(stored).toMatchObject({ id: accepted.body.id, name: 'Tea' });
  });

  it.each([
    ['without a name', { description: 'no name' }],
    // The consumer trims names; the model refuses what it would refuse, so nothing is queued that can never be stored.
    ['with a blank name', { name: ' \t ' }],
    ['with a name of no-break spaces', { name: '\u00a0\u2003' }],
    // The item's id is API Gateway's request id, the one the 202 names.
    ['that chooses its own id', { id: '7d3f1c52-8a9e-4b7e-9c1d-2f6a0b4e5c3d', name: 'Tea' }],
  ])("refuses a body %s with API Gateway's 400: nothing is queued", async (_, body) => {
    expect(await send(collection, 'POST', body)).toMatchObject({ status: 400, body: { message: 'Invalid request body' } });
  });
});
