import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { cliBin, listFiles, repoRoot } from './cli.js';

/** Keys as a terminal sends them. */
export const keys = { enter: '\r', down: '\u001b[B', space: ' ', backspace: '\u007f', ctrlC: '\u0003' } as const;

/** Each step: wait until the terminal shows this text, then type these keys. */
export type TerminalScript = readonly (readonly [expect: string, type: string])[];

/**
 * Runs the built CLI in a real pseudo-terminal (test/support/pty-run.py), typing as the
 * script says; returns its exit code and everything the screen showed, escape codes removed.
 */
export async function inTerminal(script: TerminalScript, args: readonly string[], cwd: string) {
  const { stdout } = await execa('python3', [join(repoRoot, 'test/support/pty-run.py'), JSON.stringify(script), 'node', cliBin, ...args], {
    cwd,
    env: { CI: '', NO_COLOR: '1' },
  });
  return JSON.parse(stdout) as { code: number | null; output: string; error?: string };
}

/** Every file under a folder with its bytes (base64), to compare two projects byte for byte. */
export function fileTree(dir: string): Record<string, string> {
  const files = listFiles(dir).filter((path) => statSync(join(dir, path)).isFile());
  return Object.fromEntries(files.map((path) => [path, readFileSync(join(dir, path)).toString('base64')]));
}
