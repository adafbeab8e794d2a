import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catchInterrupts, onInterrupt } from '../interrupt.js';
import { checkEdits } from './preflight.js';
import { openTransaction, type Transaction } from './transaction.js';

/** One change to one file, as data: what create and upgrade hand to a sink. */
export type Edit =
  | { readonly path: string; readonly content: string | Buffer; readonly mode?: number }
  | { readonly path: string; readonly remove: true };

/** What an edit does to the file on disk. */
export type FileStatus = 'create' | 'identical' | 'overwrite' | 'delete';

export interface FileChange {
  readonly path: string;
  readonly status: FileStatus;
  /** The file on disk now (absent: none, or not a file). */
  readonly before?: Buffer;
  /** What it will hold (absent: removed). */
  readonly after?: Buffer;
}

/**
 * Where edits go. The dry run and the disk are two sinks of the same edits, as in Angular's
 * schematics: both report the same changes, only one makes them, so a dry run shows exactly
 * what a real run does.
 */
export interface Sink {
  apply(root: string, edits: readonly Edit[]): FileChange[];
}

/** Reads the target and reports what each edit would do; writes nothing. */
export const dryRunSink: Sink = {
  apply(root, edits) {
    const changes = edits.map((edit) => changeOf(root, edit));
    // What the disk sink would refuse, the dry run refuses too.
    checkEdits(root, changes.filter((change) => change.status !== 'identical').map((change) => change.path));
    return changes;
  },
};

/** Makes the edits in one transaction: all of them, or (on any failure) none. */
export const diskSink: Sink = {
  apply(root, edits) {
    const changes = dryRunSink.apply(root, edits);
    // From here a SIGINT or SIGTERM waits: the handler runs after the commit or the rollback.
    catchInterrupts();
    const transaction = openTransaction(root);
    try {
      edits.forEach((edit, index) => {
        if (changes[index]!.status === 'identical') return;
        if ('remove' in edit) transaction.remove(edit.path);
        else transaction.write(edit.path, edit.content, edit.mode);
      });
      transaction.commit();
    } catch (error) {
      rollBack(transaction, error);
    }
    onInterrupt(() => 'Every file had been written: nothing is half-written.');
    return changes;
  },
};

/** Undoes every change, then rethrows what went wrong (and, if the rollback left something, that too). */
function rollBack(transaction: Transaction, error: unknown): never {
  try {
    transaction.rollback();
  } catch (rollbackError) {
    const first = error instanceof Error ? error.message : String(error);
    throw Object.assign(new Error(`${first}; then ${(rollbackError as Error).message}`), { cause: error });
  }
  throw error;
}

function changeOf(root: string, edit: Edit): FileChange {
  const before = readIfFile(join(root, edit.path));
  if ('remove' in edit) return before.exists ? { path: edit.path, status: 'delete', before: before.bytes } : { path: edit.path, status: 'identical' };
  const bytes = () => (typeof edit.content === 'string' ? Buffer.from(edit.content) : edit.content);
  // A new file's content is not read until it is written or shown: a fresh project is not buffered twice.
  if (!before.exists) {
    return {
      path: edit.path,
      status: 'create',
      get after() {
        return bytes();
      },
    };
  }
  const after = bytes();
  return { path: edit.path, status: before.bytes?.equals(after) ? 'identical' : 'overwrite', before: before.bytes, after };
}

/** A folder where a file should go exists, but has no bytes to compare: it is overwritten (or refused). */
function readIfFile(file: string): { exists: boolean; bytes?: Buffer } {
  try {
    return statSync(file).isFile() ? { exists: true, bytes: readFileSync(file) } : { exists: true };
  } catch {
    return { exists: false };
  }
}
