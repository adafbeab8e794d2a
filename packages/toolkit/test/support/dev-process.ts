import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installTool } from '../../../../test/support/toolchains.js';

const toolkitBin = fileURLToPath(new URL('../../bin/serverless-pattern.js', import.meta.url));

export interface DevProcess {
  /** Everything it printed so far (stdout and stderr), a line at a time. */
  readonly lines: string[];
  /** Sends Ctrl-C (SIGINT) and resolves with its exit code. */
  interrupt(): Promise<number | null>;
  /** Ends it whatever state it is in (for cleanup after a failure). */
  kill(): void;
}

/**
 * `serverless-pattern dev <args>` in `root`, as the built toolkit runs it (bin and
 * dist/), on Node 24 (the toolkit needs Node 22 or newer; the suite may run on Node 20).
 * Resolves once it says it is ready; rejects with everything it printed if it stops first
 * or is not ready in time.
 */
export async function startDev(root: string, args: readonly string[], { readyWithinMs = 90_000 } = {}): Promise<DevProcess> {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)))) throw new Error('packages/toolkit/dist is missing: run npm run build first');
  const node24 = installTool('node24');
  const child = spawn(join(node24, 'node'), [toolkitBin, 'dev', ...args], {
    cwd: root,
    env: {
      ...process.env,
      PATH: `${node24}${delimiter}${process.env.PATH ?? ''}`,
      // No AWS account is involved: none may be found either.
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const output = () => lines.join('\n');
    const timer = setTimeout(() => reject(new Error(`dev was not ready within ${readyWithinMs} ms:\n${output()}`)), readyWithinMs);
    const check = setInterval(() => {
      if (lines.some((line) => line.startsWith('Ready in '))) done(resolve);
    }, 50);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      clearInterval(check);
      settle();
    };
    void exited.then((code) => done(() => reject(new Error(`dev stopped (exit ${code}) before it was ready:\n${output()}`))));
  });
  return {
    lines,
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: () => killQuietly(child),
  };
}

function killQuietly(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
