import { execa } from 'execa';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, onTestFinished } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliBin = join(repoRoot, 'bin/create-serverless-pattern.js');

/** Runs the built CLI as a user would, without a TTY; never throws on a non-zero exit. */
export function runCli(args: readonly string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }) {
  return execa('node', [cliBin, ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    all: true,
    env: { NO_COLOR: '1', CI: '', npm_config_user_agent: '', ...env },
  });
}

/** Set CSP_KEEP_TEMP=1 to keep the folders of a run for a look afterwards. */
const remove = (dir: string) => {
  if (!process.env.CSP_KEEP_TEMP) rmSync(dir, { recursive: true, force: true });
};

/** A fresh folder for the running test, removed when the test ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `csp-${prefix}-`));
  onTestFinished(() => remove(dir));
  return dir;
}

/** A folder shared by the tests of one describe block: made before the first, removed after the last. */
export function suiteTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `csp-${prefix}-`));
  });
  afterAll(() => {
    if (dir) remove(dir);
  });
  return () => {
    if (!dir) throw new Error(`The ${prefix} folder exists only while its tests run`);
    return dir;
  };
}

/** Every path under dir, recursively, sorted: "nothing was written" is an empty list. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
