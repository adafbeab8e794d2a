import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { functionsOnlyApp } from '../support/functions-only-app.js';
import { freePort } from './local.js';
import { median, round } from './measure.js';

/**
 * `npm run sandbox`'s loop against moto_server: the project's functions deployed to the
 * developer's stage (functions-only-app.js: what moto deploys), then `edits` edits of one
 * handler, each timed from the save to the moment moto's function has new code (its
 * CodeSha256 changes), the watch idle again before the next. The project's infra/app.ts and
 * handler are restored after.
 */
export async function sandboxHotSwap(project, { edits, log }) {
  const appFile = join(project, 'infra', 'app.ts');
  const handlerFile = join(project, 'services', 'items', 'handlers', 'get.ts');
  const app = readFileSync(appFile, 'utf8');
  const handler = readFileSync(handlerFile, 'utf8');
  const moto = await startMoto();
  const env = {
    ...process.env,
    PATH: `${join(project, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  let sandbox;
  try {
    writeFileSync(appFile, functionsOnlyApp({ ci: false }));
    // What `npm run sandbox` runs, without npm.
    const [command, ...args] = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts.sandbox.split(' ');
    sandbox = spawn(command, [...args, '--yes'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    for (const stream of [sandbox.stdout, sandbox.stderr]) stream.on('data', (chunk) => (output += chunk));
    const watchDeploys = () => (output.split('$ cdk watch')[1] ?? '').split('Total time').length - 1;
    const deployStarted = performance.now();
    await until(() => watchDeploys() >= 1, 600_000, () => `the sandbox was not watching within 10 minutes:\n${output}`);
    log(`sandbox deployed and watching after ${Math.round((performance.now() - deployStarted) / 1000)} s`);
    const fn = (await lambda(moto, '/2015-03-31/functions/')).Functions.map((f) => f.FunctionName).find((name) => name.includes('getFunction'));
    const codeSha = async () => (await lambda(moto, `/2015-03-31/functions/${fn}`)).Configuration.CodeSha256;
    const samples = [];
    for (let i = 0; i < edits; i++) {
      const before = await codeSha();
      const deploys = watchDeploys();
      const saved = performance.now();
      writeFileSync(handlerFile, handler.replace('not found.', `not found (edit ${i + 1}).`));
      await until(async () => (await codeSha()) !== before, 120_000, () => `edit ${i + 1} never reached the function:\n${output}`);
      samples.push(performance.now() - saved);
      await until(() => watchDeploys() > deploys, 120_000, () => `the watch did not finish its deploy:\n${output}`);
    }
    return { median: median(samples), samples: samples.map(round) };
  } finally {
    writeFileSync(appFile, app);
    writeFileSync(handlerFile, handler);
    if (sandbox && sandbox.exitCode === null) {
      const exited = new Promise((resolve) => sandbox.once('exit', resolve));
      process.kill(-sandbox.pid, 'SIGINT');
      await exited;
    }
    moto.stop();
  }
}

async function until(check, timeoutMs, message) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startMoto() {
  const port = await freePort();
  const server = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://localhost:${port}`;
  await until(() => fetch(`${endpoint}/moto-api/`).then((r) => r.ok, () => false), 30_000, () => 'moto_server did not answer within 30 s');
  return { endpoint, stop: () => server.kill() };
}

/** A GET of moto's Lambda API (it reads the region from the credential scope, and checks no signature). */
async function lambda(moto, path) {
  const response = await fetch(`${moto.endpoint}${path}`, {
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0' },
  });
  if (!response.ok) throw new Error(`moto lambda GET ${path}: ${response.status}`);
  return response.json();
}
