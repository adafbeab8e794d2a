import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * A `cdk` first on PATH that records each call (one line of arguments) and writes the outputs
 * file a deploy asks for; `cdk watch` runs until it is interrupted. Call in beforeEach, after
 * which `calls()` lists what the command ran.
 */
export function standInCdk(outputs: object = {}): { calls: () => string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'toolkit-bin-'));
  const log = join(bin, 'calls.log');
  writeFileSync(
    join(bin, 'cdk'),
    [
      '#!/bin/sh',
      `echo "$*" >> "${log}"`,
      // exec: Ctrl-C (SIGINT) reaches the sleep itself, as it reaches the real watch.
      '[ "$1" = "watch" ] && exec sleep 30',
      `while [ $# -gt 0 ]; do [ "$1" = "--outputs-file" ] && echo '${JSON.stringify(outputs)}' > "$2"; shift; done`,
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'cdk'), 0o755);
  vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
  return { calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

/** Everything the command printed (console.log and console.error), one entry per call. */
export function capturedOutput(): string[] {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
  return printed;
}
