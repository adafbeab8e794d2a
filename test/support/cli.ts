import { execa } from 'execa';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `csp-${prefix}-`));
}

/** Every path under dir, recursively, sorted: "nothing was written" is an empty list. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
