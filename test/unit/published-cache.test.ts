import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchPublished } from '../../src/upgrade/published.js';

describe('the cache of published versions', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a version it holds without npm, also when the package has no node_modules (it has no dependencies)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-published-'));
    const folder = join(dir, '0.0.1', 'package');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{"name":"create-serverless-pattern","version":"0.0.1"}');
    // Unreachable: were npm asked, it would fail.
    const previous = process.env.npm_config_registry;
    process.env.npm_config_registry = 'http://127.0.0.1:9/';
    try {
      await expect(fetchPublished('0.0.1', dir)).resolves.toBe(folder);
    } finally {
      if (previous === undefined) delete process.env.npm_config_registry;
      else process.env.npm_config_registry = previous;
    }
  });
});
