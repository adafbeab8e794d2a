import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/options/answers.js';
import { manifestPath, readManifest } from '../../src/write/manifest.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function projectWith(answers: Record<string, unknown>): string {
  dir = mkdtempSync(join(tmpdir(), 'csp-manifest-'));
  const manifest = { generator: { name: 'create-serverless-pattern', version: '0.1.0' }, answers, packageManager: 'npm', files: {} };
  writeFileSync(join(dir, manifestPath), JSON.stringify(manifest));
  return dir;
}

describe('reading a manifest', () => {
  it('gives an answer added after the project was made (--waf) its default, as that generator rendered it', () => {
    const { waf, ...older } = { ...defaultAnswers(), cache: true };
    expect(waf).toBe(false);
    const manifest = readManifest(projectWith(older));
    expect(manifest.answers.waf).toBe(false);
    expect(manifest.answers.cache).toBe(true);
  });

  it('still refuses a stored answer that is not valid', () => {
    expect(() => readManifest(projectWith({ ...defaultAnswers(), waf: 'yes' }))).toThrow(/is not valid/);
  });
});
