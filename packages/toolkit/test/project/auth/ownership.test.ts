import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, collections, devToken } from '../support/local-api.js';
import { facts } from '../support/project.js';
import { storeItem } from '../support/store-item.js';

/** Every id a user sees, following the cursor page by page. */
async function everyId(collection: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(`${collection}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.cursor;
  } while (cursor);
  return ids;
}

describe.each(collections)("the %s API, running locally, keeps each user's items to themselves", (_service, collection) => {
  it("lists, reads, replaces and deletes only the caller's own items", async () => {
    const mine = await storeItem(collection, { name: `Mine ${randomUUID()}` });
    const someoneElse = await devToken('someone-else');

    expect(await everyId(collection, await devToken())).toContain(mine.id);
    expect(await everyId(collection, someoneElse)).not.toContain(mine.id);
    expect((await call(`${collection}/${mine.id}`, { token: someoneElse })).status).toBe(404);
    expect((await call(`${collection}/${mine.id}`, { method: 'PUT', body: JSON.stringify({ name: 'Taken' }), token: someoneElse })).status).toBe(404);
    // With both authorizers DELETE needs the group too, which the other user is not in: refused before the function runs.
    expect((await call(`${collection}/${mine.id}`, { method: 'DELETE', token: someoneElse })).status).toBe(facts.authorizers.both ? 403 : 404);

    // Still there, unchanged, for the one it belongs to.
    expect(await call(`${collection}/${mine.id}`)).toMatchObject({ status: 200, body: mine });
  });

  it("answers 400 to a cursor that names a key, such as another user's", async () => {
    const cursor = Buffer.from(JSON.stringify({ owner: 'someone-else', id: randomUUID() })).toString('base64url');
    expect(await call(`${collection}?cursor=${cursor}`)).toMatchObject({ status: 400, body: { message: 'Invalid query.' } });
  });
});
