/** A generated project, in memory: POSIX relative path → file. Nothing here touches the disk. */
export interface FileEntry {
  readonly content: string;
  /** Unix permission bits; absent means an ordinary 0o644 file. */
  readonly mode?: number;
}

export type FileTree = Map<string, FileEntry>;

/**
 * The one order for names and paths. A single collator: `a.localeCompare(b, 'en')` builds a
 * new one on every call, which made sorting the slowest part of generating a project.
 */
export const comparePaths = new Intl.Collator('en').compare;

/** Paths in a stable order, so dry runs, manifests and snapshots read the same every time. */
export function sortedPaths(tree: FileTree): string[] {
  return [...tree.keys()].sort(comparePaths);
}

export function addFile(tree: FileTree, path: string, content: string, mode?: number) {
  if (tree.has(path)) throw new Error(`Two templates render ${path}; each file must come from one feature`);
  tree.set(path, mode === undefined ? { content } : { content, mode });
}
