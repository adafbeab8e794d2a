import { encodeCursor } from '../lib/cursor.js';
import { httpHandler, json, parse } from '../lib/http.js';
import { listQuery } from '../lib/item.js';
import { listItems } from '../lib/repository.js';

/** GET: 200 with a page of items and, when more remain, the cursor of the next page. */
export const handler = httpHandler(async (event) => {
  const { limit, cursor } = parse(listQuery, event.queryStringParameters ?? {}, 'query');
  const page = await listItems(limit, cursor);
  return json(200, { items: page.items, cursor: page.nextKey && encodeCursor(page.nextKey) });
});
