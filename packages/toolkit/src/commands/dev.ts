import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppLoadError } from '../local/load-app.js';
import { PortInUseError } from '../local/local-server.js';
import type { LocalStack } from '../local/local-stack.js';

/**
 * `serverless-pattern dev`: the app on localhost, no AWS account needed, and its SPA (a Vite
 * app in frontend/, if it has one) on Vite's dev server; `serverless-pattern preview`: the SPA
 * built and served as its CloudFront distribution serves it. Writes .dev/endpoints.json while
 * it runs; Ctrl-C stops it.
 */
export async function dev(args: string[], { preview = false } = {}): Promise<number> {
  const root = process.cwd();
  const site = existsSync(join(root, 'frontend', 'vite.config.ts'));
  const command = preview ? 'preview' : 'dev';
  if (preview && !site) return fail('this app has no site to preview (frontend/vite.config.ts): run serverless-pattern dev', 2);
  const usage = `usage: serverless-pattern ${command} [--port <number>]${site ? ' [--site-port <number>]' : ''} [--persist <folder>]`;
  const options = parseOptions(args, usage, site);
  const port = portNumber('--port', String(options.port));
  const sitePort = portNumber('--site-port', String(options['site-port'] ?? (preview ? '4173' : '5173')));
  const endpointsFile = join(root, '.dev', 'endpoints.json');

  const started = performance.now();
  const log = (line: string) => console.log(line);
  let stack: LocalStack;
  try {
    const persist = options.persist && join(root, options.persist);
    stack = site
      ? await (await import('../local/local-site.js')).startLocalSite({ root, port, sitePort, preview, persist, log })
      : await (await import('../local/local-stack.js')).startLocalStack({ root, port, persist, log });
  } catch (error) {
    if (error instanceof PortInUseError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`${(error as Error).message.replace(/^Error: /, '')}: stop what uses it, or choose another with ${site ? '--port <number> (the APIs) or --site-port <number> (the site)' : '--port <number>'}`, 1);
    }
    if (error instanceof AppLoadError) fail(error.message, 1);
    throw error;
  }

  // Ready for Ctrl-C before anyone can see the endpoints. This process is the only one that
  // handles the signal (the app's TypeScript is loaded in it through tsx's loader, with no
  // tsx CLI relaying signals to a child): the terminal's Ctrl-C, npm's forwarded copy and
  // SIGTERM all end in one orderly stop, exit 0.
  const removeEndpoints = () => rmSync(endpointsFile, { force: true });
  // Every way out, a crash included, takes the file that says "ready" with it.
  process.on('exit', removeEndpoints);
  // A promise of the emulator's that fails with no one to tell (in a queue's poller, say) is a
  // bug to report, not a reason to stop serving.
  process.on('unhandledRejection', (reason) => console.error(`The local stack failed: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      removeEndpoints();
      // Whatever happens while closing, the process ends within two seconds.
      setTimeout(() => process.exit(0), 2000).unref();
      const stopped = () => process.exit(0);
      void stack.close().then(stopped, stopped);
    });
  }

  // Written whole or not at all (a rename): a tool waiting for the file never reads half of it.
  mkdirSync(join(root, '.dev'), { recursive: true });
  const written = `${endpointsFile}.${process.pid}`;
  writeFileSync(written, `${JSON.stringify(stack.endpoints, null, 2)}\n`);
  renameSync(written, endpointsFile);

  const width = Math.max(...stack.summary.map(([label]) => label.length));
  const rows = stack.summary.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  console.log(`\nThe app on localhost, no AWS account involved:\n\n${rows.join('\n')}\n`);
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s; the URLs are also in .dev/endpoints.json. Ctrl-C stops it.\n`);
  // Runs until a signal stops it (above).
  return new Promise<number>(() => {});
}

function parseOptions(args: string[], usage: string, site: boolean) {
  try {
    return parseArgs({
      // pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
      args: args.filter((arg) => arg !== '--'),
      options: {
        port: { type: 'string', default: '3000' },
        ...(site && { 'site-port': { type: 'string' } as const }),
        persist: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`, 2);
  }
}

function portNumber(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) fail(`${flag} must be a port number (0-65535), not "${value}"`, 2);
  return number;
}

function fail(message: string, code: number): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
