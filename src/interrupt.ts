import { ExitCode } from './errors.js';

/**
 * Ctrl-C outside a prompt: run every registered clean-up (synchronously: the process is
 * about to exit), then exit 130. The writer registers the removal of its temp folder here,
 * so an interrupted run leaves no partial project behind.
 */
const cleanups = new Set<() => void>();
let installed = false;

export function onInterrupt(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        for (const run of cleanups) {
          try {
            run();
          } catch {
            // keep cleaning up the rest
          }
        }
        process.stderr.write('\nInterrupted; nothing was left half-written.\n');
        process.exit(ExitCode.interrupted);
      });
    }
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
