import { describe, expect, inject, it } from 'vitest';
import { call, collections } from '../support/local-api.js';

// The SPA calls the API from its own origin (the Vite dev server's, locally): the browser
// reads an answer only if it names that origin, errors included.
const siteOrigin = inject('siteOrigin');
const fromSite = { origin: siteOrigin };

describe.each(collections)('CORS on the %s API, running locally', (_service, collection) => {
  it("answers the site's preflight with the deployed CORS headers", async () => {
    const preflight = await fetch(collection, { method: 'OPTIONS', headers: { ...fromSite, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it("names the site's origin on a function's answer and on API Gateway's own 400", async () => {
    const listed = await call(collection, { headers: fromSite });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    const refused = await call(collection, { method: 'POST', headers: fromSite, body: '{}' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe(siteOrigin);
  });

  it("names the site's origin on a created item's answer, whether a function or API Gateway itself answers POST", async () => {
    const created = await call(collection, { method: 'POST', headers: fromSite, body: JSON.stringify({ name: 'Tea' }) });
    expect(created.status).toBeLessThan(300);
    expect(created.headers.get('access-control-allow-origin')).toBe(siteOrigin);
  });
});
