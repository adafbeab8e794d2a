// `npm run bench`: how fast the CLI starts and generates, against create-vite and `cdk init`,
// and how lean the functions it generates are, against a hand-written floor.
// Runs every candidate interleaved, several times, and reports medians and ratios.
// Heavy (installs a generated project once, synthesizes it, runs its tests, deploys it to
// moto_server for the sandbox's hot swap): run it under
// the machine's heavy-work lock. Options (environment): BENCH_RUNS (default 11),
// BENCH_PROJECT_RUNS (default 3, for cdk synth and npm test); `--readme` also writes the
// table into README.md's Performance section.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npxToFirstAnswer } from './first-answer.js';
import { bundleHandlers, coldInit } from './functions.js';
import { localStack } from './local.js';
import { limits } from './limits.js';
import { interleave, median, timeCommand } from './measure.js';
import { cachedApiProject } from './project.js';
import { sandboxHotSwap } from './sandbox.js';
import { renderMarkdown, updateReadme } from './report.js';
import { installTool } from '../support/toolchains.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 11);
const projectRuns = Number(process.env.BENCH_PROJECT_RUNS ?? 3);
const cli = join(root, 'bin', 'create-serverless-pattern.js');
const createVite = join(root, 'node_modules', 'create-vite', 'index.js');
const cdk = join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const node = process.execPath;
// Nothing may reach the network: no CDK version check, notices or telemetry, no AWS.
const quietEnv = {
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  CI: 'true',
};
const log = (line) => process.stderr.write(`bench: ${line}\n`);

// The baseline for the project's synth: one stack with one table, nothing else.
const minimalApp = `import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';

const app = new App();
new TableV2(new Stack(app, 'Minimal'), 'Table', { partitionKey: { name: 'id', type: AttributeType.STRING } });
`;

const cacheRoot = join(tmpdir(), 'csp-bench');
mkdirSync(cacheRoot, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'csp-bench-run-'));

try {
  const results = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
    runs,
  };

  const presets = availablePresets();
  log(`presets ${presets.available.join(', ')} (skipped, not available yet: ${presets.skipped.map((s) => s.id).join(', ') || 'none'})`);
  // The CLI on the oldest Node it supports and on the Lambda runtime's (from npm).
  results.nodes = [];
  for (const { label, binary } of nodes()) {
    log(`${label}: --help against node -e 0, then every preset against create-vite, ${runs} runs each`);
    results.nodes.push({ label, version: timeCommand({ cmd: binary, args: ['--version'] }).stdout.trim(), ...cliFigures(binary, presets.available) });
  }
  results.skippedPresets = presets.skipped;

  // The generated project runs where it deploys to: Node 24 first on PATH for npm, npx, tsx
  // and cdk below, and the functions' cold init on it.
  const node24 = join(installTool('node24'), 'node');
  process.env.PATH = `${dirname(node24)}${delimiter}${process.env.PATH}`;
  results.projectNode = timeCommand({ cmd: node24, args: ['--version'] }).stdout.trim();

  log('preparing a generated api project (installed once, cached in ' + cacheRoot + ')');
  const project = cachedApiProject({ cli, cacheRoot, log });

  log(`functions: every handler as cdk synth bundles it (prod, dev), then cold init against the floor, ${runs} runs each`);
  // prod (`tracing: true`, as generated) loads the tracer; dev (`'requests'`) has none in its bundles.
  const init = coldInit(await bundleHandlers(project, { stage: 'prod' }), runs, node24, { tracing: true });
  const untraced = coldInit(await bundleHandlers(project, { stage: 'dev' }), runs, node24, { tracing: false });
  results.functions = {
    floor: init.floor,
    untracedFloor: untraced.floor,
    handlers: init.handlers.map(({ file, ...h }, index) => {
      const off = untraced.handlers[index].init;
      const { bytes, gzipBytes, init: offInit } = untraced.handlers[index];
      return { ...h, ratio: h.init.median / init.floor.median, untraced: { ...offInit, bytes, gzipBytes }, untracedRatio: off.median / untraced.floor.median };
    }),
  };

  log(`project: cdk synth against a minimal one-table app on the same install, then npm test, ${projectRuns} run(s) each`);
  const projectEnv = { ...quietEnv, AWS_REGION: 'us-east-1' };
  writeFileSync(join(project, 'bench-minimal-app.ts'), minimalApp);
  const synths = interleave(
    [
      { name: 'project', run: () => timeCommand({ cmd: 'npx', args: ['cdk', 'synth', '--quiet', '--no-notices'], cwd: project, env: projectEnv }) },
      // The same launcher as the project's cdk.json (node --import tsx), into a folder of its own.
      { name: 'minimal', run: () => timeCommand({ cmd: 'npx', args: ['cdk', 'synth', '--quiet', '--no-notices', '--app', 'node --import tsx bench-minimal-app.ts', '--output', 'cdk.out.minimal'], cwd: project, env: projectEnv }) },
    ],
    projectRuns,
  );
  const test = [];
  for (let i = 0; i < projectRuns; i++) test.push(timeCommand({ cmd: 'npm', args: ['test', '--silent'], cwd: project, env: projectEnv }).ms);
  results.project = { synth: synths.project, minimalSynth: synths.minimal, synthRatio: synths.project.median / synths.minimal.median, test: { median: median(test), samples: test } };

  log('local stack: npm run dev until ready (first start, then 5 more), a first request to each function, 200 requests one at a time, then 2,000 with 50 in flight');
  results.local = await localStack(project, { starts: 6, requests: 200, load: { requests: 2000, inFlight: 50 } });

  log('sandbox: npm run sandbox against moto_server, then 5 edits of a handler, each until its function has the new code');
  results.sandbox = await sandboxHotSwap(project, { edits: 5, log });

  log('npx create-serverless-pattern → the first 201 from npm run dev: this package from a local registry, npm\'s cache warm, 3 runs');
  results.firstAnswer = await npxToFirstAnswer({ runs: 3, node24Bin: dirname(node24), log });

  results.targets = targets(results);
  const markdown = renderMarkdown(results);
  process.stdout.write(`\n${markdown}\n`);
  const out = join(root, 'test', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'results.md'), markdown);
  log(`wrote ${join(out, 'results.json')} and results.md`);
  if (process.argv.includes('--readme')) {
    updateReadme(join(root, 'README.md'), markdown);
    log('updated README.md (Performance)');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The presets the CLI lists in --help, split into those it generates and those it refuses
 * as not available yet (found by running it), so a preset joins the bench when it lands.
 */
function availablePresets() {
  const helpText = timeCommand({ cmd: node, args: [cli, '--help'] }).stdout;
  const ids = [...helpText.matchAll(/^\s+\d+\s+(\S+)\s/gm)].map((m) => m[1]);
  if (ids.length === 0) throw new Error('found no presets in --help');
  const available = [];
  const skipped = [];
  for (const id of ids) {
    const dir = join(work, `probe-${id}`);
    const result = spawnSync(node, [cli, dir, '--pattern', id, '--no-install', '--no-git', '--yes'], { encoding: 'utf8' });
    if (result.status === 0) available.push(id);
    else if (result.status === 2 && /not available yet/.test(result.stderr)) skipped.push({ id, reason: result.stderr.trim().split('\n')[0] });
    else throw new Error(`--pattern ${id} failed (exit ${result.status}):\n${result.stderr}`);
    rmSync(dir, { recursive: true, force: true });
  }
  return { available, skipped };
}

/** The targets, each a ratio (or a time) measured in this run, on every Node measured. */
function targets(results) {
  const perNode = results.nodes.flatMap(({ label, startup, generate }) => [
    { what: `${label}: \`--help\` vs \`node -e 0\``, ratio: startup.ratio, limit: limits.help },
    ...generate
      .filter((g) => limits.generate[g.name] !== undefined)
      .map((g) => ({ what: `${label}: generate \`${g.name}\` (${g.files} files) vs create-vite`, ratio: g.ratioToCreateVite, limit: limits.generate[g.name] })),
  ]);
  return [
    ...perNode,
    ...results.functions.handlers.flatMap((h) => [
      { what: `cold init of \`${h.name}\` vs the floor, tracing on`, ratio: h.ratio, limit: limits.coldInit },
      { what: `cold init of \`${h.name}\` vs the floor, tracing off`, ratio: h.untracedRatio, limit: limits.coldInit },
    ]),
    { what: '`cdk synth` of the api project vs a minimal one-table app', ratio: results.project.synthRatio, limit: limits.synth },
  ]
    .map((t) => ({ ...t, met: t.ratio <= t.limit }))
    .concat(
      [
        { what: `\`npm test\` vs its own \`cdk synth\` + ${limits.testOverSynthMs / 1000} s`, value: results.project.test.median, unit: 'ms', limit: results.project.synth.median + limits.testOverSynthMs },
        { what: '`npm run dev` ready (after the first start)', value: results.local.ready.median, unit: 'ms', limit: limits.devReadyMs },
        { what: 'local request p50', value: results.local.latency.p50, unit: 'ms', limit: limits.requestP50Ms },
        { what: `local p99 with ${results.local.load.inFlight} requests in flight`, value: results.local.load.p99, unit: 'ms', limit: limits.loadP99Ms },
        { what: `local errors in ${results.local.load.requests} requests, ${results.local.load.inFlight} in flight`, value: results.local.load.errors, unit: 'errors', limit: 0 },
        { what: 'sandbox: an edited handler live in its function (moto)', value: results.sandbox.median, unit: 'ms', limit: limits.sandboxMs },
        { what: '`npx create-serverless-pattern` → first 201 from `npm run dev`', value: results.firstAnswer.median, unit: 'ms', limit: limits.firstAnswerMs },
      ].map((t) => ({ ...t, met: t.value <= t.limit })),
    );
}

/** Node 20 (what runs the bench) and Node 24, the Lambda runtime's, from npm (see test/support/toolchains.js). */
function nodes() {
  return [
    { label: `Node ${process.versions.node.split('.')[0]}`, binary: node },
    { label: 'Node 24', binary: join(installTool('node24'), 'node') },
  ];
}

/** --help against bare node, and every preset's generation against create-vite and cdk init, on one Node. */
function cliFigures(binary, presetIds) {
  const help = interleave(
    [
      { name: 'node', run: () => timeCommand({ cmd: binary, args: ['-e', '0'] }) },
      { name: 'help', run: () => timeCommand({ cmd: binary, args: [cli, '--help'] }) },
    ],
    runs,
  );
  // Folders are named relative to the working folder: create-vite joins its argument to the cwd.
  const fresh = (name) => (i) => `${name}-${i}`;
  const generators = [
    ...presetIds.map((id) => ({
      name: id,
      dir: fresh(`preset-${id}`),
      args: (dir) => [cli, dir, '--pattern', id, '--no-install', '--no-git', '--yes'],
    })),
    { name: 'create-vite', dir: fresh('vite'), args: (dir) => [createVite, dir, '--template', 'react-ts', '--no-interactive'] },
    // cdk init writes into the current folder, which must exist and be empty.
    { name: 'cdk-init', dir: fresh('cdk'), cwd: true, args: () => [cdk, 'init', 'app', '--language', 'typescript', '--generate-only', '--no-notices'] },
  ];
  const generated = interleave(
    generators.map((g) => ({
      name: g.name,
      prepare: (i) => g.cwd && mkdirSync(join(work, g.dir(i))),
      run: (i) => timeCommand({ cmd: binary, args: g.args(g.dir(i)), cwd: g.cwd ? join(work, g.dir(i)) : work, env: quietEnv }),
    })),
    runs,
  );
  const vite = generated['create-vite'].median;
  const generate = generators.map((g) => ({ name: g.name, files: countFiles(join(work, g.dir(0))), ...generated[g.name], ratioToCreateVite: generated[g.name].median / vite }));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  return { startup: { help: help.help, node: help.node, ratio: help.help.median / help.node.median }, generate };
}

function countFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((entry) => statSync(join(dir, entry)).isFile()).length;
}
