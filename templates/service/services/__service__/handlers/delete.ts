import { HttpError, httpHandler, json, parse } from '../lib/http.js';
import { itemPath } from '../lib/item.js';
import { deleteItem } from '../lib/repository.js';

/** DELETE /{id}: 204, or 404 when there was nothing to delete. */
export const handler = httpHandler(async (event) => {
  const { id } = parse(itemPath, event.pathParameters, 'path');
  if (!(await deleteItem(id))) throw new HttpError(404, `Item ${id} not found.`);
  console.info('Item deleted', { id });
  return json(204);
});
