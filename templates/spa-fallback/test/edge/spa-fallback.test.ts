import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// CloudFront Functions are plain scripts with a global `handler`: run the file as CloudFront does.
const source = readFileSync(new URL('../../edge/spa-fallback.js', import.meta.url), 'utf8');
const sandbox: { handler?: (event: unknown) => { uri: string } } = {};
runInNewContext(source, sandbox);
const rewrite = (uri: string) => sandbox.handler!({ request: { uri, method: 'GET', headers: {} } }).uri;

describe('the SPA fallback function', () => {
  it.each(['/', '/items', '/items/42', '/deep/link/'])('serves index.html for the app route %s', (uri) => {
    expect(rewrite(uri)).toBe('/index.html');
  });

  it.each(['/index.html', '/config.json', '/assets/index-abc123.js', '/favicon.ico'])('leaves the file %s alone', (uri) => {
    expect(rewrite(uri)).toBe(uri);
  });
});
