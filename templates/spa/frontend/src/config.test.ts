import { describe, expect, it, vi } from 'vitest';
import { apiUrl, loadConfig } from './config.js';

describe('the runtime config', () => {
  it('is read from /config.json, never from the cache', async () => {
    const fetchFn = vi.fn(async () => Response.json({ apis: { items: '/api/items' } }));
    const config = await loadConfig(fetchFn);
    expect(fetchFn).toHaveBeenCalledWith('/config.json', { cache: 'no-store' });
    expect(apiUrl(config, 'items')).toBe('/api/items');
  });

  it('fails loudly when it is missing or incomplete', async () => {
    await expect(loadConfig(async () => new Response('', { status: 404 }))).rejects.toThrow('Could not load /config.json (HTTP 404).');
    await expect(loadConfig(async () => Response.json({}))).rejects.toThrow('/config.json has no "apis".');
    expect(() => apiUrl({ apis: {} }, 'items')).toThrow('/config.json has no API for "items".');
  });
});
