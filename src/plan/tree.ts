/** A generated project, in memory: POSIX relative path → file. Nothing here touches the disk. */
export interface FileEntry {
  readonly content: string;
  /** Unix permission bits; absent means an ordinary 0o644 file. */
  readonly mode?: number;
}

export type FileTree = Map<string, FileEntry>;

/**
 * The one order for names and paths: by UTF-16 code unit, like Array.prototype.sort. The
 * same on every machine and Node build (a locale collator depends on the ICU data Node was
 * built with) and free: creating an Intl.Collator costs more than writing the whole project.
 */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Paths in a stable order, so dry runs, manifests and snapshots read the same every time. */
export function sortedPaths(tree: FileTree): string[] {
  return [...tree.keys()].sort(comparePaths);
}

export function addFile(tree: FileTree, path: string, content: string, mode?: number) {
  if (tree.has(path)) throw new Error(`Two templates render ${path}; each file must come from one feature`);
  tree.set(path, mode === undefined ? { content } : { content, mode });
}
