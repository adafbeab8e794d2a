import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

/**
 * The generated project's local loop: how long `npm run dev` takes until it has written
 * .dev/endpoints.json (the first start describes the CDK app; later ones reuse that, keyed by
 * the infra sources); how long until every function is bundled and started, in the
 * background, and the first request to each function after that (no bundling and no cold
 * start left for it); one request at a time through it (p50, p99); and under load:
 * `load.requests` requests, `load.inFlight` at a time (p50, p99, errors).
 */
export async function localStack(project, { starts, requests, load = { requests: 2000, inFlight: 50 } }) {
  rmSync(join(project, '.dev'), { recursive: true, force: true });
  const ready = [];
  for (let i = 0; i < starts; i++) {
    const dev = await startDev(project);
    ready.push(dev.readyMs);
    if (i < starts - 1) {
      await dev.stop();
      continue;
    }
    try {
      const collection = Object.values(dev.endpoints.apis)[0];
      const warmMs = await dev.warm();
      const firstRequests = await requestEachFunction(collection);
      const latency = await measureRequests(collection, requests);
      const underLoad = await measureLoad(collection, load);
      const [first, ...warm] = ready;
      return { firstStart: first, ready: { median: median(warm), samples: warm }, warmMs, firstRequests, latency, load: underLoad };
    } finally {
      await dev.stop();
    }
  }
}

async function startDev(project) {
  const port = await freePort();
  const endpointsFile = join(project, '.dev', 'endpoints.json');
  // What `npm run dev` runs (its one command, without a shell), without npm's own start-up in the figure.
  const [command, ...args] = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts.dev.split(' ');
  const env = { ...process.env, PATH: `${join(project, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };
  const started = performance.now();
  const child = spawn(command, [...args, '--port', String(port)], { cwd: project, env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  let endpoints;
  while (!(endpoints = readEndpoints(endpointsFile))) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited ${child.exitCode} before it was ready`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs,
    endpoints,
    /** Once its log says every function is bundled and started: how long that took, in ms. */
    warm: async () => {
      let line;
      while (!(line = /functions bundled and started.*: ([\d.]+) s$/m.exec(output))) await new Promise((resolve) => setTimeout(resolve, 20));
      return Number(line[1]) * 1000;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        process.kill(-child.pid, 'SIGINT');
      }),
  };
}

/** One request to each function of the collection, the moment the stack is ready, then the same again (warm). */
async function requestEachFunction(collection) {
  const json = { 'content-type': 'application/json' };
  const round = async () => {
    const timed = async (name, url, init) => {
      const start = performance.now();
      const response = await fetch(url, init);
      const body = await response.text();
      if (!response.ok) throw new Error(`${name} answered ${response.status}: ${body}`);
      return { name, ms: performance.now() - start, body };
    };
    const create = await timed('POST', collection, { method: 'POST', headers: json, body: JSON.stringify({ name: 'First' }) });
    const item = `${collection}/${JSON.parse(create.body).id}`;
    return [
      create,
      await timed('GET list', collection),
      await timed('GET item', item),
      await timed('PUT', item, { method: 'PUT', headers: json, body: JSON.stringify({ name: 'Second' }) }),
      await timed('DELETE', item, { method: 'DELETE' }),
    ].map(({ name, ms }) => ({ name, ms }));
  };
  const first = await round();
  const warm = await round();
  return first.map(({ name, ms }, index) => ({ name, first: ms, warm: warm[index].ms }));
}

/** Sequential GETs of one item (a function call and a DynamoDB read each), after a warm-up. */
async function measureRequests(collection, count) {
  const url = await createItem(collection);
  for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    samples.push(performance.now() - start);
  }
  return { ...percentiles(samples), requests: count };
}

/**
 * `requests` requests, `inFlight` of them at any time: three GETs of an item for every POST
 * (a function and DynamoDB each). An error is any answer but 200/201, or no answer.
 */
async function measureLoad(collection, { requests, inFlight }) {
  const url = await createItem(collection);
  const samples = [];
  const errors = {};
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < requests) {
      const post = next++ % 4 === 0;
      const start = performance.now();
      let outcome;
      try {
        const response = await (post ? fetch(collection, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Load' }) }) : fetch(url));
        await response.arrayBuffer();
        outcome = response.status === (post ? 201 : 200) ? undefined : String(response.status);
      } catch (error) {
        outcome = error.cause?.code ?? error.message;
      }
      samples.push(performance.now() - start);
      if (outcome) errors[outcome] = (errors[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - started) / 1000;
  return { ...percentiles(samples), requests, inFlight, errors: Object.values(errors).reduce((a, b) => a + b, 0), errorsByKind: errors, perSecond: requests / seconds };
}

async function createItem(collection) {
  const created = await fetch(collection, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench' }) });
  const { id } = await created.json();
  return `${collection}/${id}`;
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
  return { p50: at(0.5), p99: at(0.99) };
}

function readEndpoints(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A port free on loopback now (the bench's servers: the local stack, moto_server, a registry's clients). */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// `node test/bench/local.js <project folder>`: this part alone, on a generated project that is
// installed already (the full bench, `npm run bench`, prepares one and runs everything).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const project = process.argv[2];
  if (!project) {
    console.error('usage: node test/bench/local.js <generated project folder>');
    process.exit(2);
  }
  const { renderLocal } = await import('./report.js');
  const results = await localStack(project, { starts: 3, requests: 200 });
  console.log(JSON.stringify(results, null, 2));
  console.log(`\n${renderLocal(results).join('\n')}`);
}
