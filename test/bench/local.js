import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { median } from './measure.js';

/**
 * The generated project's local loop: how long `npm run dev` takes until it has written
 * .dev/endpoints.json (the first start describes the CDK app; later ones reuse that, keyed by
 * the infra sources), and how long one request takes through it (p50, p99).
 */
export async function localStack(project, { starts, requests }) {
  rmSync(join(project, '.dev'), { recursive: true, force: true });
  const ready = [];
  for (let i = 0; i < starts; i++) {
    const dev = await startDev(project);
    ready.push(dev.readyMs);
    if (i < starts - 1) await dev.stop();
    else {
      const latency = await measureRequests(dev.endpoints, requests);
      await dev.stop();
      const [first, ...warm] = ready;
      return { firstStart: first, ready: { median: median(warm), samples: warm }, latency };
    }
  }
}

async function startDev(project) {
  const port = await freePort();
  const endpointsFile = join(project, '.dev', 'endpoints.json');
  const started = performance.now();
  // What `npm run dev` runs, without npm's own start-up in the figure.
  const child = spawn(join(project, 'node_modules', '.bin', 'tsx'), ['dev/start.ts', '--port', String(port)], { cwd: project, stdio: 'ignore', detached: true });
  // Ready when the file is there and whole: it is written in place, so it can be seen empty first.
  let endpoints;
  while (!(endpoints = readEndpoints(endpointsFile))) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited ${child.exitCode} before it was ready`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs,
    endpoints,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        process.kill(-child.pid, 'SIGINT');
      }),
  };
}

/** Sequential GETs of one item (a function call and a DynamoDB read each), after a warm-up. */
async function measureRequests(endpoints, count) {
  const collection = Object.values(endpoints.apis)[0];
  const created = await fetch(collection, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench' }) });
  const { id } = await created.json();
  const url = `${collection}/${id}`;
  for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(count * 0.5)], p99: samples[Math.floor(count * 0.99)], requests: count };
}

function readEndpoints(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
