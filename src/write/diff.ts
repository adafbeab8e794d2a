import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type FileTree, sortedPaths } from '../plan/tree.js';

/** What writing a file would do to the target folder. */
export type FileStatus = 'create' | 'identical' | 'overwrite';

export interface FileChange {
  readonly path: string;
  readonly status: FileStatus;
}

/** Compares the planned tree with what is on disk; reads, never writes. */
export function diffTree(tree: FileTree, targetDir: string): FileChange[] {
  return sortedPaths(tree).map((path) => ({ path, status: statusOf(join(targetDir, path), tree.get(path)!.content) }));
}

function statusOf(file: string, content: string): FileStatus {
  try {
    if (!statSync(file).isFile()) return 'overwrite';
    return readFileSync(file, 'utf8') === content ? 'identical' : 'overwrite';
  } catch {
    return 'create';
  }
}
