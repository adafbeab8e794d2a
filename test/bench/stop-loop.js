// The stop sequence of a generated project's local stack, many times over, as the end-to-end
// tests run it: the project's `dev` script's command started in a process group of its own,
// ready (.dev/endpoints.json), busy (8 requests of 9 MB of JSON, which the gateway parses and checks
// against the model one after the other), then Ctrl-C to the whole group,
// as a terminal sends it. Each run must exit 0, remove .dev/endpoints.json and free the port.
// Too slow for CI (a few seconds a run); run it by hand after a change to the toolkit's commands/dev.ts or the
// dev script:
//   node test/bench/stop-loop.js <project folder> [runs=50] [--npm]
// --npm starts `npm run dev` instead: then npm and the shell get Ctrl-C too, and the exit code
// is the shell's (dash, /bin/sh on Debian and Ubuntu, ends itself with SIGINT after its child
// exits, whatever the child's code; bash passes the child's on).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const viaNpm = process.argv.includes('--npm');
const [project, runs = '50'] = process.argv.slice(2).filter((arg) => arg !== '--npm');
if (!project) {
  console.error('usage: node test/bench/stop-loop.js <project folder> [runs] [--npm]');
  process.exit(2);
}
const endpointsFile = join(project, '.dev', 'endpoints.json');
// The script's command without a shell (it is one simple command), its binaries found as npm finds them.
const [command, ...scriptArgs] = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts.dev.split(' ');
const env = { ...process.env, PATH: `${join(project, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };
const busyBody = JSON.stringify({ name: 'Busy', description: 'x'.repeat(9_000_000) });
const outcomes = [];
for (let run = 1; run <= Number(runs); run++) {
  const outcome = await stopOnce();
  outcomes.push(outcome);
  console.log(`run ${run}: exit ${outcome.exit}, endpoints.json ${outcome.endpointsLeft ? 'LEFT BEHIND' : 'removed'}, port ${outcome.portFree ? 'free' : 'STILL TAKEN'}, stopped in ${outcome.stopMs} ms`);
}
const good = outcomes.filter((o) => o.exit === 0 && !o.endpointsLeft && o.portFree).length;
const tally = (test) => `${outcomes.filter(test).length}/${outcomes.length}`;
console.log(
  `\n${viaNpm ? 'npm run dev' : `${command} ${scriptArgs.join(' ')}`}: exit 0 ${tally((o) => o.exit === 0)}, ` +
    `endpoints.json removed ${tally((o) => !o.endpointsLeft)}, port freed ${tally((o) => o.portFree)} (exit codes: ${JSON.stringify(count(outcomes.map((o) => o.exit)))})`,
);
process.exit(good === outcomes.length ? 0 : 1);

async function stopOnce() {
  const port = await freePort();
  const [cmd, args] = viaNpm ? ['npm', ['run', 'dev', '--', '--port', String(port)]] : [command, [...scriptArgs, '--port', String(port)]];
  const dev = spawn(cmd, args, { cwd: project, env, stdio: 'ignore', detached: true });
  let ended = false;
  const exited = new Promise((resolve) => dev.once('exit', (code, signal) => resolve(code ?? `signal ${signal}`))).finally(() => (ended = true));
  let endpoints;
  while (!(endpoints = readEndpoints())) {
    if (ended) throw new Error(`npm run dev exited ${await exited} before it was ready (run it in ${project} to see why)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const collection = Object.values(endpoints.apis)[0];
  // Ctrl-C while the stack's event loop is busy, as under load (packages/toolkit/test/project/dev/stop.test.ts does the same).
  const requests = Array.from({ length: 8 }, () =>
    fetch(collection, { method: 'POST', headers: { 'content-type': 'application/json' }, body: busyBody }).then((r) => r.arrayBuffer(), () => undefined),
  );
  await Promise.race(requests);
  const stopping = performance.now();
  process.kill(-dev.pid, 'SIGINT');
  const exit = await exited;
  const stopMs = Math.round(performance.now() - stopping);
  await Promise.all(requests);
  return { exit, stopMs, endpointsLeft: existsSync(endpointsFile), portFree: (await freePort(port)) === port };
}

function readEndpoints() {
  try {
    return JSON.parse(readFileSync(endpointsFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function freePort(port = 0) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(undefined))
      .listen(port, '127.0.0.1', () => {
        const { port: taken } = server.address();
        server.close(() => resolve(taken));
      });
  });
}

function count(values) {
  return values.reduce((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
}
