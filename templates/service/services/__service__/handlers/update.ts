import { HttpError, httpHandler, json, parse, parseBody } from '../lib/http.js';
import { itemInput, itemPath } from '../lib/item.js';
import { replaceItem } from '../lib/repository.js';

/** PUT /{id}: 200 with the replaced item, 404 when there is none. */
export const handler = httpHandler(async (event) => {
  const { id } = parse(itemPath, event.pathParameters, 'path');
  const input = parseBody(event, itemInput);
  const item = await replaceItem(id, input, new Date().toISOString());
  if (!item) throw new HttpError(404, `Item ${id} not found.`);
  console.info('Item replaced', { id });
  return json(200, item);
});
