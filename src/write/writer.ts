import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { usageError } from '../errors.js';
import { type FileTree, sortedPaths } from '../plan/tree.js';
import { type FileChange, diffTree } from './diff.js';

export interface WriteOptions {
  /** Write into a folder that already has files, replacing same-named ones (never deleting others). */
  readonly force: boolean;
}

/** Refuses, before anything is written, a target the user has not allowed us to write into. */
export function checkTarget(targetDir: string, { force }: WriteOptions): void {
  if (!existsSync(targetDir)) return;
  if (!statSync(targetDir).isDirectory()) throw usageError(`${targetDir} exists and is not a folder; choose another directory`);
  if (!force && readdirSync(targetDir).length > 0) {
    throw usageError(`${targetDir} is not empty; choose another directory, or pass --force to write into it (nothing there is deleted)`);
  }
}

/**
 * Writes the tree so that a failure never leaves half a project:
 * - a new (or empty) folder is written into a temp folder beside it and renamed into place;
 * - with --force into a non-empty folder, each file is written beside its target and renamed
 *   over it, and on failure every created file is removed and every replaced one restored.
 * It is synchronous on purpose: Ctrl-C is handled between whole writes, never inside one.
 */
export function writeTree(tree: FileTree, targetDir: string, options: WriteOptions): FileChange[] {
  checkTarget(targetDir, options);
  const changes = diffTree(tree, targetDir);
  const isFresh = !existsSync(targetDir) || readdirSync(targetDir).length === 0;
  if (isFresh) writeFresh(tree, targetDir);
  else writeInto(tree, targetDir, changes);
  return changes;
}

function writeFresh(tree: FileTree, targetDir: string) {
  const parent = dirname(targetDir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(targetDir)}.${process.pid}.tmp`);
  const removeStaging = () => rmSync(staging, { recursive: true, force: true });
  try {
    removeStaging();
    for (const path of sortedPaths(tree)) writeFile(join(staging, path), tree, path);
    // rmdir, not rm: it refuses a folder that gained files since we checked it.
    if (existsSync(targetDir)) rmdirSync(targetDir);
    renameSync(staging, targetDir);
  } catch (error) {
    removeStaging();
    throw error;
  }
}

function writeInto(tree: FileTree, targetDir: string, changes: readonly FileChange[]) {
  const backups = join(targetDir, `.serverless-pattern-backup.${process.pid}.tmp`);
  const created: string[] = [];
  const replaced: string[] = [];
  const rollback = () => {
    for (const path of created) rmSync(join(targetDir, path), { force: true });
    for (const path of replaced) renameSync(join(backups, path), join(targetDir, path));
    rmSync(backups, { recursive: true, force: true });
  };
  try {
    for (const { path, status } of changes) {
      if (status === 'identical') continue;
      const target = join(targetDir, path);
      if (status === 'overwrite') {
        mkdirSync(dirname(join(backups, path)), { recursive: true });
        copyFileSync(target, join(backups, path));
        replaced.push(path);
      } else {
        created.push(path);
      }
      const temp = `${target}.${process.pid}.tmp`;
      writeFile(temp, tree, path);
      renameSync(temp, target);
    }
    rmSync(backups, { recursive: true, force: true });
  } catch (error) {
    rollback();
    throw error;
  }
}

function writeFile(file: string, tree: FileTree, path: string) {
  const entry = tree.get(path)!;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, entry.content, { mode: entry.mode ?? 0o644 });
}
