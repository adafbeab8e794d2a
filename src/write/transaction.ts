import { chmodSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { backupOf, exists, finish, type Journal, openJournal, tempOf, undo } from './journal.js';

/**
 * The one way this CLI changes files on disk, for create and upgrade alike: nothing is left
 * half-written. A new folder is written whole into a staging folder beside it and renamed
 * into place. An existing folder (empty or not) is changed in place, file by file, each step
 * recorded in a journal first (journal.ts): each file is written beside its target and
 * renamed over it, the original first moved aside beside it. A rollback undoes the journal,
 * newest step first; so does the next run, if this one is killed. Synchronous on purpose: a
 * signal handler runs only between whole calls, so a caught SIGINT waits for the commit or
 * the rollback to end (interrupt.ts).
 */
export interface Transaction {
  write(path: string, content: string | Uint8Array, mode?: number): void;
  remove(path: string): void;
  /** Makes every change final. */
  commit(): void;
  /** Puts every file back as it was; throws if some could not be (the journal is then kept for the next run). */
  rollback(): void;
}

export function openTransaction(root: string): Transaction {
  return exists(root) ? inPlace(root) : stagedFolder(root);
}

/** Where a new project is staged: beside it, named after it and this run (short enough for any name). */
export const stagingName = (name: string, pid: number) => `.${name.slice(0, 200)}.${pid}.tmp`;

/** A new project: written into `.<name>.<pid>.tmp` beside it, then renamed into place in one step. */
function stagedFolder(root: string): Transaction {
  const parent = dirname(root);
  const madeParents = missingFolders(parent);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, stagingName(basename(root), process.pid));
  mkdirSync(staging);
  return {
    write(path, content, mode) {
      const file = join(staging, path);
      named(staging, root, () => {
        mkdirSync(dirname(file), { recursive: true });
        writeFile(file, content, mode);
      });
    },
    remove() {
      throw new Error('A new project has nothing to remove');
    },
    commit() {
      renameSync(staging, root);
    },
    rollback() {
      rmSync(staging, { recursive: true, force: true });
      for (const dir of madeParents.reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          return;
        }
      }
    },
  };
}

/** An existing folder: changed file by file, every original kept beside itself until commit. */
function inPlace(root: string): Transaction {
  const pid = process.pid;
  // Opened at the first change: a run that changes nothing leaves no trace at all.
  let journal: Journal | undefined;
  const record = (entry: Parameters<Journal['append']>[0]) => {
    journal ??= openJournal(root, pid);
    journal.append(entry);
  };
  return {
    write(path, content, mode) {
      const file = join(root, path);
      const existed = exists(file);
      record({ write: path, existed, dirs: missingFolders(dirname(file)).map((dir) => relative(root, dir).split(sep).join('/')) });
      named(tempOf(file, pid), file, () => {
        mkdirSync(dirname(file), { recursive: true });
        writeFile(tempOf(file, pid), content, mode);
        if (existed) renameSync(file, backupOf(file, pid));
        renameSync(tempOf(file, pid), file);
      });
    },
    remove(path) {
      const file = join(root, path);
      if (!exists(file)) return;
      record({ remove: path });
      renameSync(file, backupOf(file, pid));
    },
    commit() {
      if (!journal) return;
      record({ commit: true });
      // Left-overs here are only originals not yet deleted: the journal stays, and the next run finishes.
      if (finish(root, journal.entries, pid).length === 0) journal.close();
    },
    rollback() {
      if (!journal) return;
      const problems = undo(root, journal.entries, pid);
      if (problems.length > 0) {
        throw new Error(`could not restore ${problems.length} file(s) (${problems[0]}); the originals are kept beside them as <file>.${pid}.orig and the next run restores them`);
      }
      journal.close();
    },
  };
}

/** A failure under a temporary name (`from`) names the file or folder it stands for (`to`). */
function named(from: string, to: string, step: () => void) {
  try {
    step();
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { dest?: string };
    for (const key of ['path', 'dest'] as const) if (e[key]?.startsWith(from)) e[key] = `${to}${e[key]!.slice(from.length)}`;
    throw error;
  }
}

/** The folders that do not exist yet on the way to `dir`, outermost first. */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let at = dir; !exists(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  return missing;
}

/** The mode as given (exactly, whatever the umask), or an ordinary file's; never over something already there. */
function writeFile(file: string, content: string | Uint8Array, mode: number | undefined) {
  writeFileSync(file, content, { mode: mode ?? 0o644, flag: 'wx' });
  if (mode !== undefined) chmodSync(file, mode);
}
