/** A generated project, in memory: POSIX relative path → file. Nothing here touches the disk. */
export interface FileEntry {
  readonly content: string;
  /** Unix permission bits; absent means an ordinary 0o644 file. */
  readonly mode?: number;
}

export type FileTree = Map<string, FileEntry>;

/** Paths in a stable order, so dry runs, manifests and snapshots read the same every time. */
export function sortedPaths(tree: FileTree): string[] {
  return [...tree.keys()].sort((a, b) => a.localeCompare(b, 'en'));
}

export function addFile(tree: FileTree, path: string, content: string, mode?: number) {
  if (tree.has(path)) throw new Error(`Two templates render ${path}; each file must come from one feature`);
  tree.set(path, mode === undefined ? { content } : { content, mode });
}
