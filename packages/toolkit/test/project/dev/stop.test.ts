import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { call } from '../support/local-api.js';
import { hasSite, projectRoot } from '../support/project.js';

const endpointsFile = join(projectRoot, '.dev', 'endpoints.json');

// `npm run dev` as a terminal runs it, in a process group of its own, and Ctrl-C to the whole
// group: the stop must be orderly every time, however busy the stack is when it comes.
it('stops on Ctrl-C with exit 0 while busy answering, and takes .dev/endpoints.json with it', async () => {
  // The dev script's own command (one simple command), its binaries found as the package manager finds them.
  const [command, ...args] = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { dev: string } }).scripts.dev.split(' ');
  const started = Date.now();
  const dev = spawn(command!, [...args, '--port', '0', ...(hasSite ? ['--site-port', '0'] : [])], {
    cwd: projectRoot,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PATH: `${join(projectRoot, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` },
  });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => dev.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    // Ready as tools see it: the endpoints this run wrote (not a file a killed run left behind).
    const endpoints = await vi.waitFor(() => ownEndpoints(started), { timeout: 120_000, interval: 20 });
    const collection = new URL(Object.values(endpoints.apis)[0]!, endpoints.site).href;
    // Ctrl-C while its event loop is busy, as under load: each of these bodies (9 MB of JSON)
    // is parsed and checked against the model before it is refused, one after the other.
    const body = JSON.stringify({ name: 'Busy', description: 'x'.repeat(9_000_000) });
    const inFlight = Array.from({ length: 8 }, () => call(collection, { method: 'POST', body }).catch(() => undefined));
    await Promise.race(inFlight);
    process.kill(-dev.pid!, 'SIGINT');
    expect(await exit).toEqual({ code: 0, signal: null });
    await Promise.all(inFlight);
  } finally {
    // Whatever is left of the group after a failed stop.
    try {
      process.kill(-dev.pid!, 'SIGKILL');
    } catch {
      // Nothing was left.
    }
  }
  expect(existsSync(endpointsFile)).toBe(false);
});

function ownEndpoints(since: number): { apis: Record<string, string>; site?: string } {
  if (statSync(endpointsFile).mtimeMs < since) throw new Error('.dev/endpoints.json is older than this run');
  return JSON.parse(readFileSync(endpointsFile, 'utf8')) as { apis: Record<string, string>; site?: string };
}
