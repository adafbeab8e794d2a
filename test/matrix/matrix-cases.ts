import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { baselineAnswers } from '../../src/options/baseline.js';
import { flagsBetween } from '../../src/options/command-line.js';
import { presetIds } from '../../src/options/presets.js';
import { repoRoot } from '../support/cli.js';
import { acceptedCombinations } from '../support/combinations.js';
import { coveringSet } from './covering-set.js';

export interface MatrixCase {
  /** Short and stable while the answer table is: the folder and the project's name. */
  readonly name: string;
  /** The flags after the project folder, as a user would type them. */
  readonly args: readonly string[];
}

export const lastRunFile = new URL('./last-run.json', import.meta.url);

/** Every preset as it is, then a covering set of the accepted combinations (every pair of facts at least once). */
export function matrixCases(): { cases: MatrixCase[]; pairs: number } {
  const presets = presetIds.map((id) => ({ name: `preset-${id}`, args: ['--pattern', id] }));
  const { cases, pairs } = coveringSet(acceptedCombinations().accepted);
  const combinations = cases.map(({ answers }, n) => {
    const name = `pair-${String(n + 1).padStart(2, '0')}`;
    const start = { ...baselineAnswers(answers.pattern), name };
    return { name, args: ['--pattern', answers.pattern, ...flagsBetween(start, { ...answers, name })] };
  });
  return { cases: [...presets, ...combinations], pairs };
}

/**
 * What CI runs of the matrix: the cases that failed in the last full run (until a full run
 * passes them), then `size` more, a different window each commit, so consecutive runs cover
 * different combinations and the whole matrix comes round every few commits.
 */
export function ciSlice(cases: readonly MatrixCase[], size: number, { failed, commits } = fromRepository()): MatrixCase[] {
  const failing = failed.map((args) => cases.find((c) => c.args.join(' ') === args.join(' '))).filter((c) => c !== undefined);
  const window = Array.from({ length: Math.min(size, cases.length) }, (_, i) => cases[(commits * size + i) % cases.length]!);
  return [...new Set([...failing, ...window])];
}

/** The last full run's failures (flags of each) and the number of commits of the checkout. */
function fromRepository(): { failed: string[][]; commits: number } {
  const lastRun = existsSync(lastRunFile) ? (JSON.parse(readFileSync(lastRunFile, 'utf8')) as { failed?: { args: string[] }[] }) : {};
  let commits = 0; // not a git checkout (an unpacked tarball): the first window
  try {
    commits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {}
  return { failed: (lastRun.failed ?? []).map((f) => f.args), commits };
}
