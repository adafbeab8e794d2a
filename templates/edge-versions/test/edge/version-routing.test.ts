import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// CloudFront Functions are plain scripts with a global `handler`: run each file as CloudFront
// does, with a stand-in for the `cloudfront` module's KeyValueStore.
interface Cookies { [name: string]: { value: string; attributes?: string } }
interface Request { uri: string; method: string; headers: object; cookies: Cookies }
interface Response { statusCode: number; headers: object; cookies: Cookies }

function load(file: string, store: Record<string, string> = {}) {
  const source = readFileSync(new URL(`../../edge/${file}`, import.meta.url), 'utf8').replace(/^import cf from 'cloudfront';$/m, '');
  const cf = {
    kvs: () => ({
      get: async (key: string) => {
        if (!(key in store)) throw new Error(`Key ${key} not found`);
        return store[key];
      },
    }),
  };
  const sandbox: { cf: typeof cf; handler?: (event: unknown) => unknown } = { cf };
  runInNewContext(source, sandbox);
  return sandbox.handler!;
}

const viewerRequest = (uri: string, requestId: string, cookies: Cookies = {}) => ({
  version: '1.0',
  context: { eventType: 'viewer-request', requestId, distributionDomainName: 'd111111abcdef8.cloudfront.net' },
  viewer: { ip: '198.51.100.7' },
  request: { method: 'GET', uri, querystring: {}, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } }, cookies },
});

const route = async (store: Record<string, string>, uri: string, requestId = 'req-1', cookies: Cookies = {}) =>
  ((await load('version-router.js', store)(viewerRequest(uri, requestId, cookies))) as Request).uri;

const bucketCookie = (bucket: number): Cookies => ({ 'site-bucket': { value: String(bucket) } });

describe('the version router (viewer request)', () => {
  it('serves the current site to everyone while both percentages are 0', async () => {
    const store = { 'rollout-percent': '0', 'ab-percent-b': '0' };
    for (let bucket = 0; bucket < 100; bucket++) expect(await route(store, '/assets/app.js', 'r', bucketCookie(bucket))).toBe('/assets/app.js');
  });

  it('sends visitors below the rollout percentage to /v-next, and only them', async () => {
    const store = { 'rollout-percent': '25', 'ab-percent-b': '0' };
    expect(await route(store, '/assets/app.js', 'r', bucketCookie(24))).toBe('/v-next/assets/app.js');
    expect(await route(store, '/assets/app.js', 'r', bucketCookie(25))).toBe('/assets/app.js');
  });

  it('keeps a visitor on the new version when the rollout grows', async () => {
    for (const percent of ['10', '50', '100']) {
      expect(await route({ 'rollout-percent': percent }, '/', 'r', bucketCookie(3))).toBe('/v-next/index.html');
    }
  });

  it('splits the others between A and B by the B percentage, about evenly at 50', async () => {
    const store = { 'rollout-percent': '0', 'ab-percent-b': '50' };
    const uris = await Promise.all(Array.from({ length: 100 }, (_, bucket) => route(store, '/items/7', 'r', bucketCookie(bucket))));
    expect(uris.filter((uri) => uri === '/v-b/index.html')).toHaveLength(50);
    expect(uris.filter((uri) => uri === '/index.html')).toHaveLength(50);
  });

  it('serves index.html for app routes and leaves files alone, within a version', async () => {
    const store = { 'rollout-percent': '100' };
    expect(await route(store, '/items/42')).toBe('/v-next/index.html');
    expect(await route(store, '/favicon.ico')).toBe('/v-next/favicon.ico');
  });

  it('never moves config.json: every version calls the same APIs', async () => {
    expect(await route({ 'rollout-percent': '100' }, '/config.json')).toBe('/config.json');
  });

  it('routes nobody when the store lacks a key or holds nonsense', async () => {
    expect(await route({}, '/a.js', 'r', bucketCookie(0))).toBe('/a.js');
    expect(await route({ 'rollout-percent': 'lots' }, '/a.js', 'r', bucketCookie(0))).toBe('/a.js');
    expect(await route({ 'rollout-percent': '250' }, '/a.js', 'r', bucketCookie(0))).toBe('/a.js');
  });

  it('ignores a forged cookie outside 0-99 and assigns from the request id instead', async () => {
    const store = { 'rollout-percent': '100' };
    expect(await route(store, '/a.js', 'r', { 'site-bucket': { value: '-5' } })).toBe('/v-next/a.js');
  });
});

describe('the version cookie (viewer response)', () => {
  const setCookie = (requestId: string, cookies: Cookies = {}) =>
    (load('version-cookie.js')({
      version: '1.0',
      context: { eventType: 'viewer-response', requestId },
      viewer: { ip: '198.51.100.7' },
      request: { method: 'GET', uri: '/', querystring: {}, headers: {}, cookies },
      response: { statusCode: 200, statusDescription: 'OK', headers: {}, cookies: {} },
    }) as Response).cookies['site-bucket'];

  it('gives a first-time visitor the bucket the router used for the same request, for a year, out of reach of scripts', async () => {
    for (const requestId of ['4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==', 'abc', 'xyz-123']) {
      const cookie = setCookie(requestId)!;
      const bucket = Number(cookie.value);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
      expect(cookie.attributes).toBe('Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax');
      // The router, seeing no cookie on that request, picked the same bucket: check it at the edge of the rollout.
      expect(await route({ 'rollout-percent': String(bucket + 1) }, '/a.js', requestId)).toBe('/v-next/a.js');
      expect(await route({ 'rollout-percent': String(bucket) }, '/a.js', requestId)).toBe('/a.js');
    }
  });

  it('leaves a returning visitor\'s cookie alone', () => {
    expect(setCookie('abc', bucketCookie(42))).toBeUndefined();
  });
});
