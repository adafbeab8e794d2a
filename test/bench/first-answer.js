import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmUserEnvironment, writeVerdaccioConfig } from '../support/local-registry.js';
import { freePort } from './local.js';
import { median, round } from './measure.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npx create-serverless-pattern` to a first local answer, as a new user meets it: this
 * package and its toolkit (as built) published to a local registry (Verdaccio; every other
 * package through its uplink), npm's cache warm from one run of the same flow before; each
 * run timed from the command to the first 201 of POST /items from `npm run dev` (generate,
 * install, first commit, the local stack ready, the function's first run), in a fresh folder.
 */
export async function npxToFirstAnswer({ runs, node24Bin, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-npx-'));
  const registry = await startRegistry(dir);
  try {
    const env = npmUserEnvironment(registry.url, join(dir, 'home'), [node24Bin]);
    for (const folder of [root, join(root, 'packages', 'toolkit')]) {
      const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], folder);
      run('npm', ['publish', join(dir, JSON.parse(packed)[0].filename), '--tag', 'latest'], dir, env);
    }
    log('npx → first answer: a first run to warm npm\'s cache (not counted)');
    await firstAnswer(join(dir, 'warm-up'), env);
    const timings = [];
    for (let i = 0; i < runs; i++) timings.push(await firstAnswer(join(dir, `run-${i}`), env));
    const medianOf = (key) => median(timings.map((timing) => timing[key]));
    // Where the time goes: the npx command (generate, install, commit), then dev until ready, then the first request.
    return { median: medianOf('total'), samples: timings.map((timing) => round(timing.total)), created: medianOf('created'), ready: medianOf('ready') };
  } finally {
    registry.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function firstAnswer(folder, env) {
  mkdirSync(folder);
  const started = performance.now();
  run('npx', ['--yes', 'create-serverless-pattern@latest', 'app', '--pattern', 'api', '--yes'], folder, env);
  const created = performance.now() - started;
  const project = join(folder, 'app');
  const port = await freePort();
  const dev = spawn('npm', ['run', 'dev', '--', '--port', String(port)], { cwd: project, env, stdio: 'ignore', detached: true });
  try {
    const endpoints = join(project, '.dev', 'endpoints.json');
    while (!existsSync(endpoints)) {
      if (dev.exitCode !== null) throw new Error(`npm run dev exited ${dev.exitCode} in ${project}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ready = performance.now() - started;
    const [collection] = Object.values(JSON.parse(readFileSync(endpoints, 'utf8')).apis);
    const response = await fetch(collection, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'First' }) });
    if (response.status !== 201) throw new Error(`POST ${collection} answered ${response.status}: ${await response.text()}`);
    return { created, ready, total: performance.now() - started };
  } finally {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    process.kill(-dev.pid, 'SIGINT');
    await exited;
  }
}

/** Verdaccio (test/support/verdaccio-server.mjs) on loopback: ours published to it, the rest through its uplink. */
async function startRegistry(dir) {
  const config = writeVerdaccioConfig(dir);
  const server = spawn(process.execPath, [join(root, 'test/support/verdaccio-server.mjs'), config], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (chunk) => {
      const match = /listening (\d+)/.exec((seen += chunk));
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`Verdaccio exited ${code}: ${seen}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill('SIGTERM') };
}

function run(cmd, args, cwd, env = process.env) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
