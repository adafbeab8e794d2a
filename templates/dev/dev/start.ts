import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type LocalStack, PortInUseError, startLocalStack } from './local-stack.js';

/**
 * `npm run dev [-- --port 3000] [-- --persist .dev/data]`: the app on localhost, no AWS
 * account needed. Writes .dev/endpoints.json while it runs; Ctrl-C stops it.
 */
const usage = 'usage: npm run dev -- [--port <number>] [--persist <folder>]';
const root = process.cwd();
const endpointsFile = join(root, '.dev', 'endpoints.json');

const options = parseOptions();
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0-65535), not "${options.port}"`, 2);

const started = performance.now();
let stack: LocalStack;
try {
  stack = await startLocalStack({ root, port, persist: options.persist && join(root, options.persist), log: (line) => console.log(line) });
} catch (error) {
  if (error instanceof PortInUseError) fail(`${error.message}: stop what uses it, or choose another with --port <number>`, 1);
  throw error;
}

mkdirSync(join(root, '.dev'), { recursive: true });
writeFileSync(endpointsFile, `${JSON.stringify(stack.endpoints, null, 2)}\n`);
printSummary(stack, performance.now() - started);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    rmSync(endpointsFile, { force: true });
    // Whatever happens while closing, the process ends within two seconds.
    setTimeout(() => process.exit(0), 2000).unref();
    void stack.close().then(() => process.exit(0));
  });
}

function printSummary(stack: LocalStack, ms: number) {
  const width = Math.max(...stack.summary.map(([label]) => label.length));
  const rows = stack.summary.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  console.log(`\nThe app on localhost, no AWS account involved:\n\n${rows.join('\n')}\n`);
  console.log(`Ready in ${(ms / 1000).toFixed(1)} s; the URLs are also in .dev/endpoints.json. Ctrl-C stops it.\n`);
}

function parseOptions() {
  try {
    return parseArgs({ options: { port: { type: 'string', default: '3000' }, persist: { type: 'string' } } }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
}

function fail(message: string, code: number): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
