import { ExitCode } from './errors.js';

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed), once caught. Writing is synchronous, so a handler runs only
 * between whole calls: a signal that arrives while files are written waits until the
 * transaction has committed or rolled back, then we exit 130; a project is never left
 * half-written. What can be interrupted midway is a child process (an install, the base
 * render); its note stops it, undoes what must not stay (a temporary folder) and says what
 * is left to do.
 */
const notes = new Set<() => string | undefined>();
let installed = false;
let finished = false;
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** From now on a signal no longer kills the process at once: it exits 130 at the next turn of the event loop. */
export function catchInterrupts(): void {
  if (installed) return;
  installed = true;
  for (const signal of signals) {
    process.on(signal, () => {
      // Nothing is left to stop: the run ends as it would have, whole, with its own exit code and output.
      if (finished) return;
      const lines = [...notes].map((describe) => describe()).filter((line) => line !== undefined);
      process.stderr.write(`\nerror: Interrupted.${lines.map((line) => `\n  ${line}`).join('')}\n`);
      process.exit(ExitCode.interrupted);
    });
  }
}

/**
 * Adds what an interrupt does before exiting 130: stop a child, remove a temporary folder
 * (synchronously: the process exits right after), and a line to print (what is done, what is
 * left; undefined for none). Returns its removal.
 */
export function onInterrupt(note: () => string | undefined): () => void {
  catchInterrupts();
  notes.add(note);
  return () => notes.delete(note);
}

/**
 * Says the run has nothing left to stop: every file is written and no step is left, only
 * the report. A signal from here on (the user's Ctrl-C a moment too late) no longer turns a
 * finished run into an interrupted one.
 */
export function nothingLeftToStop(): void {
  finished = true;
}

/**
 * A test seam: `CREATE_SERVERLESS_PATTERN_PAUSE_AFTER_WRITE=<ms>` holds the run that long
 * right after its files are written, so a test can deliver a signal exactly there. Unset
 * (always, outside tests), it costs nothing.
 */
export async function pauseAfterWrite(): Promise<void> {
  const ms = Number(process.env.CREATE_SERVERLESS_PATTERN_PAUSE_AFTER_WRITE);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
