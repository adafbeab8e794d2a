import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot, runCli, suiteTempDir } from '../support/cli.js';

/**
 * Create and upgrade interrupted at random points while they write, by SIGINT, SIGTERM and
 * SIGKILL, many times. After every run the project is whole (as a clean run leaves it) or
 * untouched (as it was; after SIGKILL, but for what the next run recovers); and running the
 * same command again always ends exactly as a clean run does. SIGNAL_TRIALS sets the number
 * of runs of each command (default 30).
 */
const trials = Number(process.env.SIGNAL_TRIALS ?? 30);
const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const env = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/** Every file under dir (but .git) with its bytes' hash and mode: two runs that agree here wrote the same project. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((path) => !/^\.git(\/|$)/.test(path))
      .sort()
      .map((path) => {
        const stat = lstatSync(join(dir, path));
        return [path, stat.isDirectory() ? 'dir' : `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${(stat.mode & 0o777).toString(8)}`];
      }),
  );
}

/** Traces of a run: a journal, originals kept aside, temporary files, a staging folder. */
const leftovers = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => /serverless-pattern-journal|\.\d+\.(tmp|orig)$/.test(path));

/** A seeded PRNG (mulberry32), so a failing trial can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the CLI and, once `trigger` shows in its output (the line printed just before it
 * writes), waits `delay` ms and sends `signal`.
 */
async function interrupted(args: readonly string[], cwd: string, trigger: RegExp, delay: number, signal: (typeof signals)[number]) {
  const child = execa('node', [cliBin, ...args], { cwd, reject: false, stdin: 'ignore', env: { NO_COLOR: '1', CI: '', ...env } });
  let seen = '';
  let sent = false;
  const watch = (chunk: Buffer) => {
    seen += chunk.toString();
    if (sent || !trigger.test(seen)) return;
    sent = true;
    setTimeout(() => child.kill(signal), delay);
  };
  child.stdout?.on('data', watch);
  child.stderr?.on('data', watch);
  const result = await child;
  return { exitCode: result.exitCode, killed: result.signal === 'SIGKILL', stderr: result.stderr };
}

interface Counts {
  runs: number;
  /** As a clean run leaves it. */
  whole: number;
  /** As it was before (after SIGKILL, but for traces the next run removes). */
  untouched: number;
  /** Killed outright (SIGKILL) part-way through the write: the next run rolled it back and said so. */
  rolledBackByNextRun: number;
  /** Killed outright after the commit mark, before the originals were deleted: the next run finished it and said so. */
  finishedByNextRun: number;
  /** SIGINT or SIGTERM that arrived while files were written: the write finished first, then exit 130. */
  finishedThen130: number;
  reruns: number;
  rerunsEqual: number;
}
const zero = (): Counts => ({ runs: 0, whole: 0, untouched: 0, rolledBackByNextRun: 0, finishedByNextRun: 0, finishedThen130: 0, reruns: 0, rerunsEqual: 0 });
const counts = { create: zero(), upgrade: zero() };
afterAll(() => {
  // The note asks for these numbers: printed where the test run shows them.
  process.stdout.write(`\nsignal trials: ${JSON.stringify(counts)}\n`);
});

describe('a signal that arrives in the middle of the write', () => {
  const work = suiteTempDir('signals-mid-write');

  /** A script that writes 20 files through the disk sink and signals itself while writing the sixth. */
  async function selfSignalling(signal: 'SIGINT' | 'SIGTERM'): Promise<string> {
    const source = join(work(), `${signal}.ts`);
    writeFileSync(
      source,
      [
        `import { diskSink } from ${JSON.stringify(join(repoRoot, 'src/write/sink.ts'))};`,
        'const edits = Array.from({ length: 20 }, (_, i) => ({',
        '  path: `dir${i % 3}/file${i}.txt`,',
        `  get content() { if (i === 5) process.kill(process.pid, '${signal}'); return \`file \${i}\\n\`; },`,
        '}));',
        'diskSink.apply(process.argv[2], edits);',
        "process.stdout.write('applied\\n');",
        // As the CLI goes on to its next step: the loop turns, and the signal that waited is handled.
        'await new Promise((done) => setTimeout(done, 1000));',
        "process.stdout.write('not reached\\n');",
      ].join('\n'),
    );
    const bundle = join(work(), `${signal}.mjs`);
    await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    return bundle;
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('%s: the write finishes (new folder and existing one alike), then exit 130 saying so', async (signal) => {
    const script = await selfSignalling(signal);
    for (const existing of [false, true]) {
      const target = join(work(), `${signal}-${existing ? 'existing' : 'new'}`);
      if (existing) mkdirSync(target);
      const result = await execa('node', [script, target], { reject: false });
      expect(result.exitCode).toBe(130);
      expect(result.stdout).toBe('applied');
      expect(result.stderr).toBe('\nerror: Interrupted.\n  Every file had been written: nothing is half-written.');
      expect(Object.keys(tree(target)).filter((path) => path.endsWith('.txt'))).toHaveLength(20);
      expect(leftovers(target)).toEqual([]);
    }
  });
});

describe('create, interrupted while it writes', () => {
  const work = suiteTempDir('signals-create');
  const args = ['app', '--pattern', 'microservices', '--services', 'items,orders,billing', '--yes', '--no-install', '--no-git'];
  let clean: Record<string, string>;
  beforeAll(async () => {
    const cwd = join(work(), 'clean');
    mkdirSync(cwd);
    expect((await runCli(args, { cwd })).exitCode).toBe(0);
    clean = tree(join(cwd, 'app'));
  });

  it(`leaves the project whole or untouched ${trials} times, and a re-run always ends as a clean run`, async () => {
    const random = prng(2112);
    for (let trial = 0; trial < trials; trial++) {
      const cwd = join(work(), `trial-${trial}`);
      mkdirSync(cwd);
      // Half into a new folder (staged, then renamed), half into an existing empty one (in place, journaled).
      const existing = trial % 2 === 1;
      if (existing) mkdirSync(join(cwd, 'app'));
      const signal = signals[trial % signals.length]!;
      // Writing takes some 20 ms after the line: delays spread over it and a little past it.
      const run = await interrupted(args, cwd, /Creating app/, Math.floor(random() * 30), signal);
      counts.create.runs++;
      const app = join(cwd, 'app');
      const written = readdirSync(cwd).includes('app') && readdirSync(app).length > 0;
      const whole = written && JSON.stringify(tree(app)) === JSON.stringify(clean) && leftovers(cwd).length === 0;
      const untouched = !written && (signal === 'SIGKILL' || leftovers(cwd).length === 0);
      if (signal !== 'SIGKILL') expect(whole || untouched, `trial ${trial} (${signal}, exit ${run.exitCode}): ${run.stderr}`).toBe(true);
      if (run.exitCode === 130 && /Every file had been written/.test(run.stderr)) counts.create.finishedThen130++;
      counts.create.whole += whole ? 1 : 0;
      counts.create.untouched += untouched ? 1 : 0;
      if (whole) continue;

      const again = await runCli(args, { cwd, env });
      counts.create.reruns++;
      if (!untouched) {
        const said = /An earlier run \(pid \d+\) was interrupted (while writing|after writing every file)/.exec(again.stderr);
        expect(said, again.stderr).not.toBeNull();
        counts.create[said![1] === 'while writing' ? 'rolledBackByNextRun' : 'finishedByNextRun']++;
      }
      expect(again.exitCode, again.all).toBe(0);
      expect(tree(app)).toEqual(clean);
      expect(readdirSync(cwd)).toEqual(['app']);
      expect(leftovers(app)).toEqual([]);
      counts.create.rerunsEqual++;
    }
  });
});

describe('create, interrupted once every file is written', () => {
  const work = suiteTempDir('signals-after-write');
  /** Holds the run right after the final rename (a test seam) and signals it there, as a late Ctrl-C would. */
  async function signalledAfterWrite(cwd: string, args: readonly string[]) {
    const run = execa('node', [cliBin, 'app', '--pattern', 'api', '--yes', '--no-install', ...args], {
      cwd,
      reject: false,
      stdin: 'ignore',
      // The signal is the one a user sends; none follows it.
      forceKillAfterDelay: false,
      env: { NO_COLOR: '1', CI: '', CREATE_SERVERLESS_PATTERN_PAUSE_AFTER_WRITE: '2000', ...env },
    });
    let seen = '';
    let sent = false;
    run.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (sent || !/Wrote \d+ files/.test(seen)) return;
      sent = true;
      run.kill('SIGINT');
    });
    return await run;
  }

  it('with nothing left to do, ends as a clean run does: exit 0, "Done" and the next steps, the project whole', async () => {
    const clean = join(work(), 'clean');
    mkdirSync(clean);
    expect((await runCli(['app', '--pattern', 'api', '--yes', '--no-install', '--no-git'], { cwd: clean })).exitCode).toBe(0);
    const cwd = join(work(), 'late');
    mkdirSync(cwd);
    const result = await signalledAfterWrite(cwd, ['--no-git']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Interrupted');
    expect(result.stdout).toMatch(/Done\. Your project is in app\n\nNext steps:\n {2}cd app\n/);
    expect(tree(join(cwd, 'app'))).toEqual(tree(join(clean, 'app')));
  });

  it('with a step left (git), stops before it with 130 and says every file had been written', async () => {
    const cwd = join(work(), 'step-left');
    mkdirSync(cwd);
    const result = await signalledAfterWrite(cwd, []);
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toContain('\nerror: Interrupted.\n  Every file had been written: nothing is half-written.');
    expect(result.stdout).not.toContain('Done.');
    expect(existsSync(join(cwd, 'app', '.git'))).toBe(false);
  });
});

describe('upgrade, interrupted while it writes', () => {
  const work = suiteTempDir('signals-upgrade');
  const args = ['upgrade', '--services', 'items', '--cache', '--throttle', '10:20', '--yes', '--no-interactive'];
  let template: string;
  let before: Record<string, string>;
  let clean: { tree: Record<string, string>; exitCode?: number };
  const git = (cwd: string, ...rest: string[]) => execa('git', rest, { cwd, env });

  beforeAll(async () => {
    const cwd = work();
    expect((await runCli(['shop', '--pattern', 'api', '--services', 'items,orders', '--yes', '--no-install', '--no-git'], { cwd })).exitCode).toBe(0);
    template = join(cwd, 'shop');
    await git(template, 'init', '--quiet');
    await git(template, 'add', '--all');
    await git(template, 'commit', '--quiet', '--message', 'Initial commit from create-serverless-pattern');
    // Edits of a user's: a merged file, a file the generator leaves alone, package.json.
    const edit = (path: string, change: (text: string) => string) => writeFileSync(join(template, path), change(readFileSync(join(template, path), 'utf8')));
    edit('infra/config.ts', (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    edit('services/items/handlers/create.ts', (text) => `// reviewed\n${text}`);
    edit('package.json', (text) => text.replace('"test": "vitest run"', '"test": "vitest run --reporter dot"'));
    await git(template, 'commit', '--quiet', '--all', '--message', 'Our edits');
    before = tree(template);
    const reference = join(cwd, 'reference');
    cpSync(template, reference, { recursive: true });
    const result = await runCli(args, { cwd: reference, env });
    clean = { tree: tree(reference), exitCode: result.exitCode };
    expect([0, 3], result.all).toContain(result.exitCode);
    expect(clean.tree).not.toEqual(before);
  });

  it(`leaves the project whole or untouched ${trials} times, and a re-run always ends as a clean run`, async () => {
    const random = prng(1984);
    for (let trial = 0; trial < trials; trial++) {
      const project = join(work(), `trial-${trial}`);
      cpSync(template, project, { recursive: true });
      const signal = signals[trial % signals.length]!;
      // The plan is printed just before the render is stored and the files written (some 60 ms in all).
      const run = await interrupted(args, project, /^ {2}delete /m, Math.floor(random() * 80), signal);
      counts.upgrade.runs++;
      const state = JSON.stringify(tree(project));
      const whole = state === JSON.stringify(clean.tree);
      const untouched = state === JSON.stringify(before);
      if (signal !== 'SIGKILL') expect(whole || untouched, `trial ${trial} (${signal}, exit ${run.exitCode}): ${run.stderr}`).toBe(true);
      if (run.exitCode === 130 && /Every file had been written/.test(run.stderr)) counts.upgrade.finishedThen130++;
      counts.upgrade.whole += whole ? 1 : 0;
      counts.upgrade.untouched += untouched ? 1 : 0;

      const again = await runCli([...args, '--allow-dirty'], { cwd: project, env });
      counts.upgrade.reruns++;
      if (!whole && !untouched) {
        const said = /An earlier run \(pid \d+\) was interrupted (while writing|after writing every file)/.exec(again.stderr);
        expect(said, again.stderr).not.toBeNull();
        counts.upgrade[said![1] === 'while writing' ? 'rolledBackByNextRun' : 'finishedByNextRun']++;
      }
      expect(again.exitCode, again.all).toBe(clean.exitCode);
      expect(tree(project)).toEqual(clean.tree);
      expect(leftovers(project)).toEqual([]);
      counts.upgrade.rerunsEqual++;
    }
  });
});

describe('upgrade, interrupted while --base-from renders the base', () => {
  const work = suiteTempDir('signals-base-from');
  let project: string;
  let build: string;
  beforeAll(async () => {
    const cwd = work();
    expect((await runCli(['shop', '--pattern', 'api', '--yes', '--no-install', '--no-git'], { cwd })).exitCode).toBe(0);
    project = join(cwd, 'shop');
    // A build whose CLI writes part of the project, large enough to take a while, then never ends.
    build = join(cwd, 'build');
    mkdirSync(join(build, 'bin'), { recursive: true });
    writeFileSync(join(build, 'package.json'), JSON.stringify({ name: 'create-serverless-pattern', version: '0.0.1', type: 'module', bin: 'bin/cli.js' }));
    writeFileSync(
      join(build, 'bin/cli.js'),
      [
        "import { mkdirSync, writeFileSync } from 'node:fs';",
        "mkdirSync(process.argv[2] + '/infra', { recursive: true });",
        "writeFileSync(process.argv[2] + '/infra/partial.ts', 'x'.repeat(500_000));",
        'setInterval(() => {}, 1000);',
        '',
      ].join('\n'),
    );
  });

  /** Sends the signal once the render has written its part (`group`: to the CLI's whole process group, as Ctrl-C in a terminal does). */
  async function interruptRender(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', group: boolean) {
    const tmp = join(work(), `tmp-${signal}-${group ? 'group' : 'cli'}`);
    mkdirSync(tmp);
    const before = tree(project);
    const cli = execa('node', [cliBin, 'upgrade', '--cache', '--yes', '--base-from', build], { cwd: project, reject: false, stdin: 'ignore', detached: group, env: { NO_COLOR: '1', CI: '', TMPDIR: tmp } });
    const rendering = () => readdirSync(tmp).some((name) => name.startsWith('csp-base-') && existsSync(join(tmp, name, 'shop/infra/partial.ts')));
    for (let waited = 0; !rendering(); waited += 20) {
      if (waited > 30_000) throw new Error('the base render never started');
      await new Promise((done) => setTimeout(done, 20));
    }
    if (group) process.kill(-cli.pid!, signal);
    else cli.kill(signal);
    const result = await cli;
    return { result, left: readdirSync(tmp), same: JSON.stringify(tree(project)) === JSON.stringify(before) };
  }

  it.each([
    ['SIGINT', true],
    ['SIGINT', false],
    ['SIGTERM', false],
    // The terminal closed: the render, in a session of its own, hears nothing; we stop it.
    ['SIGHUP', false],
  ] as const)('%s (to the process group: %s): exit 130 saying nothing was written, the project untouched, no csp-base-* folder left', async (signal, group) => {
    const { result, left, same } = await interruptRender(signal, group);
    expect(result.exitCode, result.stderr).toBe(130);
    expect(result.stderr).toBe('\nerror: Interrupted.\n  Nothing was written: the project is as it was.');
    expect(left).toEqual([]);
    expect(same).toBe(true);
  });
});
