import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';
import { onNode24 } from '../support/node24.js';
import { offline as offlineEnv } from '../support/offline-env.js';
import { ciSlice, type MatrixCase, matrixCases } from './matrix-cases.js';
import { type CaseResult, recordFullRun, renderTable } from './matrix-report.js';
import { linkSharedInstall } from './shared-install.js';

/**
 * Every preset and a covering set of the accepted combinations, each generated and put
 * through the checks a user would run: type-check (and the SPA build), `cdk synth` with
 * cdk-nag, cfn-lint, and the project's own tests, the local-stack tests among them.
 * `npm run test:matrix` runs them all; `npm test` (CI) runs a slice (see ciSlice).
 */
const full = process.env.MATRIX === 'full';
// Generated projects run on the Lambda runtime's Node, whatever Node runs the suite.
const offline = onNode24(offlineEnv);
const { cases: all, pairs } = matrixCases();
const cases = full ? all : ciSlice(all, Number(process.env.MATRIX_SLICE ?? 1));

const checks = [
  ['type-check', 'npm', ['run', 'build']],
  ['synth', 'npx', ['cdk', 'synth', '--quiet']],
  ['cfn-lint', 'cfn-lint', []],
  ['test', 'npm', ['test']],
] as const;

const work = mkdtempSync(join(tmpdir(), 'csp-matrix-'));
const results: CaseResult[] = [];
const started = Date.now();

async function runCase({ name, args }: MatrixCase): Promise<CaseResult> {
  const seconds: Record<string, number> = {};
  const timed = async (check: string, step: () => Promise<{ exitCode?: number; all?: string }>) => {
    const start = Date.now();
    const result = await step().catch((error: Error) => ({ exitCode: 1, all: error.message }));
    seconds[check] = (Date.now() - start) / 1000;
    if (result.exitCode !== 0) throw Object.assign(new Error(`${check} failed:\n${(result.all ?? '').slice(-4000)}`), { check });
  };
  const project = join(work, name);
  try {
    await timed('generate', () => runCli([name, ...args, '--no-install', '--no-git', '--yes'], { cwd: work, env: offline }));
    await timed('install', async () => (await linkSharedInstall(project, { ...process.env, ...offline }), { exitCode: 0 }));
    for (const [check, cmd, cmdArgs] of checks) await timed(check, () => execa(cmd, cmdArgs, { cwd: project, env: offline, all: true, reject: false }));
    return { name, args, seconds, passed: true };
  } catch (error) {
    return { name, args, seconds, passed: false, check: (error as { check?: string }).check ?? 'harness', output: (error as Error).message };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

describe(`the matrix: ${cases.length} of ${all.length} cases (every preset, then every pair of answer values among ${pairs} at least once)`, () => {
  // Two at a time: much of a case is waiting on processes, and the machine has 2 cores.
  it.concurrent.each(cases.map((c) => [c.name, c.args.join(' '), c] as const))('%s: %s', async (_, __, matrixCase) => {
    const result = await runCase(matrixCase);
    results.push(result);
    if (!result.passed) throw new Error(result.output);
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    const table = renderTable(results, all.length);
    console.log(table);
    const out = join(repoRoot, 'test-results', 'matrix');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), full, pairs, results }, null, 2)}\n`);
    writeFileSync(join(out, 'results.md'), `${table}\n`);
    if (full) recordFullRun(results, { pairs, wallSeconds: (Date.now() - started) / 1000 });
  });
});
