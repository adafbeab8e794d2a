import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The write-ahead journal of a change to an existing folder. Each step is appended (and
 * flushed to the disk) before it is taken, so a run killed outright (SIGKILL, a power cut)
 * leaves enough to undo what it started: the next run reads the journal and rolls back, or,
 * when the commit mark was written, finishes. Originals are moved aside beside themselves
 * (`<file>.<pid>.orig`), never into another folder: a rename within one folder cannot cross
 * file systems (EXDEV), whatever is mounted where.
 */
export type JournalEntry =
  /** A file about to be written; `existed`: its original goes aside; `dirs`: folders made for it, outermost first. */
  | { readonly write: string; readonly existed: boolean; readonly dirs: readonly string[] }
  /** A file about to be moved aside, to be deleted at commit. */
  | { readonly remove: string }
  /** Every change is made: what is left is deleting the originals moved aside. */
  | { readonly commit: true };

/** The names a run uses, each carrying its process id: two runs never collide, and a leftover names its run. */
export const journalName = (pid: number) => `.serverless-pattern-journal.${pid}`;
export const journalPattern = /^\.serverless-pattern-journal\.(\d+)$/;
export const tempOf = (file: string, pid: number) => `${file}.${pid}.tmp`;
export const backupOf = (file: string, pid: number) => `${file}.${pid}.orig`;

export interface Journal {
  readonly path: string;
  readonly entries: readonly JournalEntry[];
  append(entry: JournalEntry): void;
  /** Removes the journal file: the change it recorded is over, either way. */
  close(): void;
}

export function openJournal(root: string, pid: number): Journal {
  const path = join(root, journalName(pid));
  const fd = openSync(path, 'wx');
  const entries: JournalEntry[] = [];
  let open = true;
  return {
    path,
    entries,
    append(entry) {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
      entries.push(entry);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
      rmSync(path, { force: true });
    },
  };
}

/** The entries of a journal left on disk; a last line cut short was never acted on. */
export function readJournal(path: string): JournalEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry];
      } catch {
        return [];
      }
    });
}

export const isCommitted = (entries: readonly JournalEntry[]) => entries.some((entry) => 'commit' in entry);

/**
 * Puts every file back as it was, newest step first. Each step is tried on its own: one that
 * fails does not stop the others, and is returned so the caller can say what is left (the
 * journal is then kept, and the next run tries again).
 */
export function undo(root: string, entries: readonly JournalEntry[], pid: number): string[] {
  const problems: string[] = [];
  for (const entry of [...entries].reverse()) {
    if ('commit' in entry) continue;
    const path = 'write' in entry ? entry.write : entry.remove;
    const file = join(root, path);
    attempt(problems, path, () => {
      rmSync(tempOf(file, pid), { force: true });
      if ('remove' in entry || entry.existed) {
        if (exists(backupOf(file, pid))) renameSync(backupOf(file, pid), file);
        return;
      }
      if (exists(file)) rmSync(file);
      for (const dir of [...entry.dirs].reverse()) removeIfEmpty(join(root, dir));
    });
  }
  return problems;
}

/** Completes a committed change: deletes the originals moved aside, and folders a removal emptied. */
export function finish(root: string, entries: readonly JournalEntry[], pid: number): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    if ('commit' in entry || ('write' in entry && !entry.existed)) continue;
    const path = 'write' in entry ? entry.write : entry.remove;
    attempt(problems, path, () => {
      rmSync(backupOf(join(root, path), pid), { force: true });
      // A folder the generator dropped entirely (say, a removed service) should not linger empty.
      if ('remove' in entry) removeEmptyParents(root, path);
    });
  }
  return problems;
}

function attempt(problems: string[], path: string, step: () => void) {
  try {
    step();
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
  }
}

/** Whether anything is there, a dangling symbolic link included. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function removeIfEmpty(dir: string) {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (someone else's files are there) or already gone: leave it
  }
}

/** Removes the folders above a removed file that it left empty; one already gone (a finish run twice) is passed over. */
function removeEmptyParents(root: string, path: string) {
  for (let dir = dirname(path); dir !== '.' && dir !== '/'; dir = dirname(dir)) {
    try {
      rmdirSync(join(root, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
  }
}
