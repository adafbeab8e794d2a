import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli.js';
import { lastRunFile } from './matrix-cases.js';

export interface CaseResult {
  readonly name: string;
  readonly args: readonly string[];
  /** Seconds per check that ran, in order. */
  readonly seconds: Readonly<Record<string, number>>;
  readonly passed: boolean;
  /** The check that failed, and the end of its output. */
  readonly check?: string;
  readonly output?: string;
}

const columns = ['generate', 'install', 'type-check', 'synth', 'cfn-lint', 'test'] as const;

/** One row per case: each check's seconds, ✗ where it failed, blank where it did not run. */
export function renderTable(results: readonly CaseResult[], total: number): string {
  const rows = [...results].sort((a, b) => a.name.localeCompare(b.name));
  const cell = (r: CaseResult, column: string) => (r.check === column ? '✗' : r.seconds[column] === undefined ? '' : r.seconds[column]!.toFixed(1));
  return [
    `${results.filter((r) => r.passed).length} of ${results.length} cases passed (the matrix has ${total}).`,
    '',
    `| case | flags | ${columns.join(' | ')} |`,
    `|---|---|${columns.map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.name} | \`${r.args.join(' ')}\` | ${columns.map((c) => cell(r, c)).join(' | ')} |`),
  ].join('\n');
}

/**
 * A full run is remembered: its failures are what CI's slice runs first, and its result is
 * the line in the README between the matrix markers.
 */
export function recordFullRun(results: readonly CaseResult[], { pairs, wallSeconds }: { pairs: number; wallSeconds: number }) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const passed = results.filter((r) => r.passed).length;
  const failed = results.filter((r) => !r.passed).map(({ name, args, check }) => ({ name, args, check }));
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(lastRunFile, `${JSON.stringify({ date, commit, cases: results.length, pairs, passed, wallMinutes: Math.round(wallSeconds / 60), failed }, null, 2)}\n`);

  const readme = join(repoRoot, 'README.md');
  const line = `Last full run: ${date}, commit ${commit}: ${passed} of ${results.length} cases passed (${pairs} value pairs), ${Math.round(wallSeconds / 60)} min on ${cpus().length} cores.`;
  const text = readFileSync(readme, 'utf8');
  const updated = text.replace(/(<!-- matrix:start -->\n)[\s\S]*?(\n<!-- matrix:end -->)/, `$1${line}$2`);
  if (updated === text && !text.includes(line)) throw new Error('README.md has no <!-- matrix:start --> … <!-- matrix:end --> markers');
  writeFileSync(readme, updated);
}
