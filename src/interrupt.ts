import { ExitCode } from './errors.js';

/**
 * SIGINT (Ctrl-C) and SIGTERM, once caught. Writing is synchronous, so a handler runs only
 * between whole calls: a signal that arrives while files are written waits until the
 * transaction has committed or rolled back, then we exit 130; a project is never left
 * half-written. What can be interrupted midway is a step (an install); its note says what is
 * left to do.
 */
const notes = new Set<() => string>();
let installed = false;
const signals = ['SIGINT', 'SIGTERM'] as const;

/** From now on a signal no longer kills the process at once: it exits 130 at the next turn of the event loop. */
export function catchInterrupts(): void {
  if (installed) return;
  installed = true;
  for (const signal of signals) {
    process.on(signal, () => {
      const lines = [...notes].map((describe) => describe());
      process.stderr.write(`\nerror: Interrupted.${lines.map((line) => `\n  ${line}`).join('')}\n`);
      process.exit(ExitCode.interrupted);
    });
  }
}

/** Adds a line to what an interrupt prints (what is done, what is left); returns its removal. */
export function onInterrupt(note: () => string): () => void {
  catchInterrupts();
  notes.add(note);
  return () => notes.delete(note);
}
