import { describe, expect, it } from 'vitest';
import { apiKeys, call, collections } from '../support/local-api.js';

// API keys as API Gateway checks them, read from the app like the routes: an API behind
// CloudFront (`site.apiAccess` 'cloudfront' or 'same-origin') requires on every route but
// GET /health the key only its distribution sends (GET /health: items-api.test.ts); any other API requires none.
describe.each(collections)('the %s API and its key, running locally', (service, collection) => {
  const key = apiKeys[service];

  it('refuses a request without the key, or with another, with 403 where the deployed API requires one, and only there', async () => {
    for (const apiKey of [null, 'not-the-key']) {
      const refused = await call(collection, { apiKey });
      if (key) expect(refused).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
      else expect(refused.status).not.toBe(403);
    }
    expect((await call(collection)).status).not.toBe(403);
  });
});
