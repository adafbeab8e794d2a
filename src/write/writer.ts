import { existsSync, readdirSync } from 'node:fs';
import { usageError } from '../errors.js';
import { type FileTree, sortedPaths } from '../plan/tree.js';
import { checkTargetPath } from './preflight.js';
import { diskSink, dryRunSink, type Edit, type FileStatus } from './sink.js';

export interface WriteOptions {
  /** Write into a folder that already has files, replacing same-named ones (never deleting others). */
  readonly force: boolean;
}

/** What writing the tree does to one file, as create reports it. */
export interface WrittenFile {
  readonly path: string;
  readonly status: Exclude<FileStatus, 'delete'>;
}

/** Refuses, before anything is written, a target the user has not allowed us to write into. */
export function checkTarget(targetDir: string, { force }: WriteOptions): void {
  checkTargetPath(targetDir);
  if (!existsSync(targetDir)) return;
  if (!force && readdirSync(targetDir).length > 0) {
    throw usageError(`${targetDir} is not empty; choose another directory, or pass --force to write into it (nothing there is deleted)`);
  }
}

/** Writes a new project (or, with --force, into a folder with files): all of it, or nothing. */
export function writeTree(tree: FileTree, targetDir: string, options: WriteOptions): WrittenFile[] {
  checkTarget(targetDir, options);
  return reported(diskSink.apply(targetDir, editsOf(tree)));
}

/** What writing the tree would do, writing nothing: the dry run. */
export function diffTree(tree: FileTree, targetDir: string): WrittenFile[] {
  return reported(dryRunSink.apply(targetDir, editsOf(tree)));
}

/** Every file of the tree as an edit, in path order; contents are read only when needed. */
function editsOf(tree: FileTree): Edit[] {
  return sortedPaths(tree).map((path) => {
    const entry = tree.get(path)!;
    return {
      path,
      mode: entry.mode,
      get content() {
        return entry.content;
      },
    };
  });
}

function reported(changes: readonly { path: string; status: FileStatus }[]): WrittenFile[] {
  return changes.map(({ path, status }) => ({ path, status: status as WrittenFile['status'] }));
}
