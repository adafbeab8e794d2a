import { ExitCode } from './errors.js';

/**
 * Ctrl-C outside a prompt. Writing is synchronous, so a signal is handled only between
 * whole writes: a fresh project appears by one rename or not at all. What can be
 * interrupted is a step (an install); its handler says what is left to do, then we exit 130.
 */
const notes = new Set<() => string>();
let installed = false;

export function onInterrupt(note: () => string): () => void {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        const lines = [...notes].map((describe) => describe());
        process.stderr.write(`\nerror: Interrupted.${lines.map((line) => `\n  ${line}`).join('')}\n`);
        process.exit(ExitCode.interrupted);
      });
    }
  }
  notes.add(note);
  return () => notes.delete(note);
}
