import { HttpError, httpHandler, json, parse } from '../lib/http.js';
import { itemPath } from '../lib/item.js';
import { getItem } from '../lib/repository.js';

/** GET /{id}: 200 with the item, 404 when there is none. */
export const handler = httpHandler(async (event) => {
  const { id } = parse(itemPath, event.pathParameters, 'path');
  const item = await getItem(id);
  if (!item) throw new HttpError(404, `Item ${id} not found.`);
  return json(200, item);
});
