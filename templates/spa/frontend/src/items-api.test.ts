import { describe, expect, it, vi } from 'vitest';
import { ApiError, itemsApi } from './items-api.js';

const jsonResponse = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the items API client', () => {
  it('lists the first page of the collection', async () => {
    const fetchFn = vi.fn(async () => jsonResponse(200, { items: [{ id: '1', name: 'Tea' }] }));
    const items = await itemsApi('https://api.example.com/prod/items/', fetchFn).list();
    expect(items).toEqual([{ id: '1', name: 'Tea' }]);
    expect(fetchFn).toHaveBeenCalledWith('https://api.example.com/prod/items?limit=100', expect.anything());
  });

  it('posts a new item as JSON to a same-origin path', async () => {
    const fetchFn = vi.fn(async () => jsonResponse(201, { id: '1', name: 'Tea' }));
    await itemsApi('/api/items', fetchFn).create({ name: 'Tea' });
    expect(fetchFn).toHaveBeenCalledWith('/api/items', {
      method: 'POST',
      body: '{"name":"Tea"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('deletes by id, escaping it', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 204 }));
    await itemsApi('/api/items', fetchFn).remove('a/b');
    expect(fetchFn).toHaveBeenCalledWith('/api/items/a%2Fb', expect.objectContaining({ method: 'DELETE' }));
  });

  it("fails with the API's own message and status", async () => {
    const fetchFn = vi.fn(async () => jsonResponse(404, { message: 'Item 1 not found.' }));
    const failure = itemsApi('/api/items', fetchFn).remove('1');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 404, message: 'Item 1 not found.' });
  });

  it('names the status when the answer is not JSON (e.g. a 403 page from CloudFront)', async () => {
    const fetchFn = vi.fn(async () => new Response('<html>Forbidden</html>', { status: 403 }));
    await expect(itemsApi('/api/items', fetchFn).list()).rejects.toMatchObject({ status: 403, message: 'The API answered 403.' });
  });
});
