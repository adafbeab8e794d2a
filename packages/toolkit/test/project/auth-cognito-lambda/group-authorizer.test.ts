import { describe, expect, it } from 'vitest';
import { call, collections, devToken } from '../support/local-api.js';
import { storeItem } from '../support/store-item.js';

describe.each(collections)('DELETE on the %s API, running locally (Lambda authorizer)', (_service, collection) => {
  it('is denied (403) to a signed-in user outside the required group, and allowed to a member', async () => {
    const item = await storeItem(collection, { name: 'Guarded' });
    const outsider = await call(`${collection}/${item.id}`, { method: 'DELETE', token: await devToken('outsider') });
    expect(outsider).toMatchObject({ status: 403, body: { Message: 'User is not authorized to access this resource with an explicit deny' } });
    // The dev user is in every group of the user pool.
    expect((await call(`${collection}/${item.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});
