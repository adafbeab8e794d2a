import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { releasedManifests, setVersion } from '../../src/build/release.js';
import { repoRoot } from '../support/cli.js';

const versionOf = (root: string, file: string) => (JSON.parse(readFileSync(join(root, file), 'utf8')) as { version: string }).version;

describe('the generator and its toolkit are released together', () => {
  it('at one version: a project lists the toolkit at the version of the generator that wrote it', () => {
    const [generator, toolkit] = releasedManifests.map((file) => versionOf(repoRoot, file));
    expect(toolkit).toBe(generator);
  });

  it('by one script, which sets the version of both', () => {
    const root = mkdtempSync(join(tmpdir(), 'csp-release-'));
    for (const file of releasedManifests) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), JSON.stringify({ name: file, version: '0.1.0' }));
    }
    setVersion(root, '0.3.0-rc.1');
    expect(releasedManifests.map((file) => versionOf(root, file))).toEqual(['0.3.0-rc.1', '0.3.0-rc.1']);
    expect(() => setVersion(root, 'next')).toThrow('"next" is not a version (major.minor.patch[-prerelease])');
  });

  it('refuses a run without a version: exit 2, one line, nothing changed', async () => {
    const before = releasedManifests.map((file) => readFileSync(join(repoRoot, file), 'utf8'));
    const result = await execa('node', ['src/build/release.js'], { cwd: repoRoot, reject: false, all: true });
    expect(result.exitCode).toBe(2);
    expect(result.all).toBe('error: usage: npm run release -- <version> [--publish]');
    expect(releasedManifests.map((file) => readFileSync(join(repoRoot, file), 'utf8'))).toEqual(before);
  });
});
