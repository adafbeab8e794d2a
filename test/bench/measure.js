import { spawnSync } from 'node:child_process';

/**
 * Timing primitives. Every sample is one child process timed from the parent with
 * performance.now(), so all candidates pay the same spawn overhead; candidates are run
 * interleaved (A B C, A B C, ...) so that load from other work on the machine spreads
 * over all of them instead of biasing whichever ran during a busy second.
 */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command once and returns its wall time in ms; throws with its output if it fails. */
export function timeCommand({ cmd, args, cwd, env }) {
  const start = performance.now();
  const result = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`);
  }
  return { ms, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs every candidate `runs` times, interleaved, and returns each one's samples and median.
 * A candidate is { name, prepare?(i), command(i) }: prepare (e.g. a fresh empty folder) is
 * not timed; command(i) returns what timeCommand takes, or a number of ms measured another way.
 */
export function interleave(candidates, runs) {
  const samples = new Map(candidates.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    // Rotate the order each round so no candidate always runs first (cold caches) or last.
    const order = candidates.map((_, k) => candidates[(k + i) % candidates.length]);
    for (const candidate of order) {
      candidate.prepare?.(i);
      const outcome = candidate.run(i);
      samples.get(candidate.name).push(typeof outcome === 'number' ? outcome : outcome.ms);
    }
  }
  return Object.fromEntries([...samples].map(([name, values]) => [name, { median: median(values), samples: values.map(round) }]));
}

export const round = (ms) => Math.round(ms * 10) / 10;
