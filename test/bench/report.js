import { readFileSync, writeFileSync } from 'node:fs';
import { limits } from './limits.js';

const ms = (value) => `${Math.round(value)} ms`;
const seconds = (value) => `${(value / 1000).toFixed(1)} s`;
const ratio = (value) => `${value.toFixed(2)}×`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The results as Markdown tables: printed by the bench and pasted into the README. */
export function renderMarkdown(r) {
  const lines = [];
  lines.push(
    `Measured ${r.date.slice(0, 10)} on ${r.machine.platform}, ${r.machine.cpus} CPUs (${r.machine.cpu}), Node ${r.machine.node}, ` +
      `load average ${r.machine.loadavg[0]} at the start. Medians of ${r.runs} runs, candidates interleaved with their baselines; ` +
      'the machine was shared with other work, so absolute times are noisy: read the ratios.',
  );
  for (const n of r.nodes) {
    lines.push(
      '',
      `| CLI on ${n.label} (${n.version}) | median | baseline | baseline median | ratio | target |`,
      '|---|---:|---|---:|---:|---|',
      `| \`create-serverless-pattern --help\` | ${ms(n.startup.help.median)} | \`node -e 0\` | ${ms(n.startup.node.median)} | ${ratio(n.startup.ratio)} | ≤ ${limits.help}× ${mark(n.startup.ratio <= limits.help)} |`,
    );
    const vite = n.generate.find((g) => g.name === 'create-vite');
    for (const g of n.generate.filter((g) => g.name !== 'create-vite')) {
      const label = g.name === 'cdk-init' ? '`cdk init app --language typescript --generate-only`' : `generate \`--pattern ${g.name}\` (--no-install --no-git --yes)`;
      const limit = limits.generate[g.name];
      const target = limit === undefined ? '' : `≤ ${limit.toFixed(1)}× ${mark(g.ratioToCreateVite <= limit)}`;
      lines.push(`| ${label}, ${g.files} files | ${ms(g.median)} | \`create-vite --template react-ts\`, ${vite.files} files | ${ms(vite.median)} | ${ratio(g.ratioToCreateVite)} | ${target} |`);
    }
  }
  if (r.skippedPresets.length) lines.push('', `Skipped presets (the CLI refuses them as not available yet): ${r.skippedPresets.map((s) => `\`${s.id}\``).join(', ')}.`);

  lines.push(
    '',
    'Generated `api` project: each function\'s bundle as the project\'s own `cdk synth` writes it (one esbuild build per stack: ESM, minified, node24, `@aws-sdk/*` external, source map without the sources); ' +
      `cold init = \`await import()\` of the bundle timed inside a fresh \`node --enable-source-maps\` process on Node ${r.projectNode}, against a hand-written handler that only creates the same \`DynamoDBDocumentClient\` (the floor).`,
    '',
    'Tracing on is the prod stage (`tracing: true`, as generated): Powertools\' tracer, and the X-Ray SDK under it, load at init. Off is the dev stage (`\'requests\'`: X-Ray on, no SDK subsegments; `false` bundles the same): the bundle has no tracer.',
    '',
    '| function | minified (gzip), tracing on | cold init | floor | ratio | minified (gzip), tracing off | cold init | floor | ratio | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const h of r.functions.handlers) {
    const on = `${kb(h.bytes)} (${kb(h.gzipBytes)}) | ${ms(h.init.median)} | ${ms(r.functions.floor.median)} | ${ratio(h.ratio)}`;
    const off = `${kb(h.untraced.bytes)} (${kb(h.untraced.gzipBytes)}) | ${ms(h.untraced.median)} | ${ms(r.functions.untracedFloor.median)} | ${ratio(h.untracedRatio)}`;
    lines.push(`| \`${h.name}\` | ${on} | ${off} | ≤ ${limits.coldInit}× ${mark(h.ratio <= limits.coldInit)} on, ${mark(h.untracedRatio <= limits.coldInit)} off |`);
  }
  lines.push(
    '',
    `| generated \`api\` project, on Node ${r.projectNode} | median | baseline | baseline median | ratio | target |`,
    '|---|---:|---|---:|---:|---|',
    `| \`cdk synth\` (with cdk-nag) | ${seconds(r.project.synth.median)} | \`cdk synth\` of a one-table app, same install | ${seconds(r.project.minimalSynth.median)} | ${ratio(r.project.synthRatio)} | ≤ ${limits.synth}× ${mark(r.project.synthRatio <= limits.synth)} |`,
    `| \`npm test\` | ${seconds(r.project.test.median)} | its own \`cdk synth\` + ${limits.testOverSynthMs / 1000} s | ${seconds(r.project.synth.median + limits.testOverSynthMs)} | | ≤ ${mark(r.project.test.median <= r.project.synth.median + limits.testOverSynthMs)} |`,
    '',
    ...renderLocal(r.local),
    '',
    '| `npm run sandbox` against moto_server (the project\'s functions) | median | samples | target |',
    '|---|---:|---|---|',
    `| save of a handler → its function has the new code (\`cdk watch --hotswap-fallback\`) | ${seconds(r.sandbox.median)} | ${r.sandbox.samples.map(seconds).join(', ')} | ≤ ${seconds(limits.sandboxMs)} ${mark(r.sandbox.median <= limits.sandboxMs)} |`,
    '',
    '| a new user\'s first minute (Node 24; this package from a local registry, npm\'s cache warm) | median | samples | target |',
    '|---|---:|---|---|',
    `| \`npx create-serverless-pattern app --pattern api --yes\` (generate, install, commit), \`npm run dev\`, until the first 201 of POST /items (npx done at ${seconds(r.firstAnswer.created)}, dev ready at ${seconds(r.firstAnswer.ready)}) | ${seconds(r.firstAnswer.median)} | ${r.firstAnswer.samples.map(seconds).join(', ')} | ≤ ${seconds(limits.firstAnswerMs)} ${mark(r.firstAnswer.median <= limits.firstAnswerMs)} |`,
  );
  const missed = r.targets.filter((t) => !t.met);
  lines.push('', missed.length ? `Targets missed: ${missed.map((t) => (t.ratio === undefined ? `${t.what} ${quantity(t.value, t.unit)} > ${quantity(t.limit, t.unit)}` : `${t.what} ${ratio(t.ratio)} > ${t.limit}×`)).join('; ')}.` : 'All targets met in this run.');
  return `${lines.join('\n')}\n`;
}

const mark = (met) => (met ? '✔' : '✘');
const quantity = (value, unit) => (unit === 'ms' ? ms(value) : `${value} ${unit}`);

/** The `npm run dev` table (test/bench/local.js). */
export function renderLocal(local) {
  const slowest = (key) => Math.max(...local.firstRequests.map((request) => request[key]));
  const { load } = local;
  const errors = load.errors === 0 ? 'no errors' : `${load.errors} errors (${Object.entries(load.errorsByKind).map(([kind, n]) => `${n} × ${kind}`).join(', ')})`;
  return [
    '| `npm run dev` (generated `api` project) | measured | target |',
    '|---|---:|---|',
    `| first start (describes the CDK app) | ${seconds(local.firstStart)} | |`,
    `| later starts, until .dev/endpoints.json is written | ${seconds(local.ready.median)} | ≤ ${seconds(limits.devReadyMs)} ${mark(local.ready.median <= limits.devReadyMs)} |`,
    `| every function bundled and started in the background, after that | ${seconds(local.warmMs)} | |`,
    `| then the first request to each function (${local.firstRequests.map((request) => request.name).join(', ')}), the slowest; the same requests again | ${ms(slowest('first'))}; ${ms(slowest('warm'))} | |`,
    `| GET /items/{id} through the local stack, p50 / p99 of ${local.latency.requests} | ${ms(local.latency.p50)} / ${ms(local.latency.p99)} | p50 ≤ ${ms(limits.requestP50Ms)} ${mark(local.latency.p50 <= limits.requestP50Ms)} |`,
    `| ${load.requests} requests, ${load.inFlight} in flight (3 GET /items/{id} to 1 POST), p50 / p99, errors | ${ms(load.p50)} / ${ms(load.p99)}, ${errors}, ${Math.round(load.perSecond)} requests/s | no errors ${mark(load.errors === 0)}, p99 ≤ ${ms(limits.loadP99Ms)} ${mark(load.p99 <= limits.loadP99Ms)} |`,
  ];
}

const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';

/** Replaces the table between the markers in README.md's Performance section. */
export function updateReadme(path, markdown) {
  const readme = readFileSync(path, 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${markdown}${readme.slice(to)}`);
}
