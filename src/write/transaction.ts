import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The one way this CLI changes files on disk, for create and upgrade alike: nothing is left
 * half-written. A new (or empty) folder is written whole into a staging folder beside it and
 * renamed into place. An existing folder is changed file by file: each file is written beside
 * its target and renamed over it, the original first moved aside into a backup folder, and
 * every step is recorded in a journal that a rollback undoes, newest first. Synchronous on
 * purpose: a signal is handled between whole steps, never inside one. The journal is what a
 * rollback after a crash or a signal would replay; it lives in memory for now.
 */
export interface Transaction {
  write(path: string, content: string | Uint8Array, mode?: number): void;
  remove(path: string): void;
  /** Makes every change final. */
  commit(): void;
  /** Puts every file back as it was. */
  rollback(): void;
}

// Every temporary name carries the process id: two runs never collide, and a leftover names its run.
const suffix = `.${process.pid}.tmp`;

export function openTransaction(root: string): Transaction {
  return !existsSync(root) || readdirSync(root).length === 0 ? stagedFolder(root) : inPlace(root);
}

/** A new project: written into `.<name>.<pid>.tmp` beside it, then renamed into place in one step. */
function stagedFolder(root: string): Transaction {
  const parent = dirname(root);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(root)}${suffix}`);
  rmSync(staging, { recursive: true, force: true });
  return {
    write(path, content, mode) {
      const file = join(staging, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFile(file, content, mode);
    },
    remove() {
      throw new Error('A new project has nothing to remove');
    },
    commit() {
      // rmdir, not rm: it refuses a folder that gained files since we looked.
      if (existsSync(root)) rmdirSync(root);
      renameSync(staging, root);
    },
    rollback() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

type JournalEntry =
  /** A file that did not exist before: undone by removing it (and folders made only for it). */
  | { readonly kind: 'created'; readonly path: string }
  /** The original, renamed into the backup folder: undone by renaming it back (bytes, mode and times intact). */
  | { readonly kind: 'moved-aside'; readonly path: string };

/** An existing project: changed file by file, every original kept until commit. */
function inPlace(root: string): Transaction {
  const backups = join(root, `.serverless-pattern-backup${suffix}`);
  const journal: JournalEntry[] = [];
  const removed: string[] = [];
  let pendingTemp: string | undefined;

  const moveAside = (path: string) => {
    const file = join(root, path);
    if (!existsSync(file)) {
      journal.push({ kind: 'created', path });
      return;
    }
    if (!lstatSync(file).isFile()) throw new Error(`${path} is not a file; refusing to replace it`);
    mkdirSync(dirname(join(backups, path)), { recursive: true });
    renameSync(file, join(backups, path));
    journal.push({ kind: 'moved-aside', path });
  };

  return {
    write(path, content, mode) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      pendingTemp = `${file}${suffix}`;
      writeFile(pendingTemp, content, mode);
      moveAside(path);
      renameSync(pendingTemp, file);
      pendingTemp = undefined;
    },
    remove(path) {
      if (!existsSync(join(root, path))) return;
      moveAside(path);
      removed.push(path);
    },
    commit() {
      rmSync(backups, { recursive: true, force: true });
      // A folder the generator dropped entirely (say, a removed service) should not linger empty.
      for (const path of removed) removeEmptyParents(root, path);
    },
    rollback() {
      for (const entry of [...journal].reverse()) {
        if (entry.kind === 'created') rmSync(join(root, entry.path), { force: true });
        else renameSync(join(backups, entry.path), join(root, entry.path));
      }
      if (pendingTemp) rmSync(pendingTemp, { force: true });
      rmSync(backups, { recursive: true, force: true });
      for (const entry of journal) if (entry.kind === 'created') removeEmptyParents(root, entry.path);
    },
  };
}

/** The mode as given (exactly, whatever the umask), or an ordinary file's. */
function writeFile(file: string, content: string | Uint8Array, mode: number | undefined) {
  writeFileSync(file, content, { mode: mode ?? 0o644 });
  if (mode !== undefined) chmodSync(file, mode);
}

function removeEmptyParents(root: string, path: string) {
  let dir = dirname(join(root, path));
  while (dir.startsWith(root) && dir !== root && existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}
