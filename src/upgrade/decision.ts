import type { FileTree } from '../plan/tree.js';

/**
 * What upgrade does to each file, decided from four versions of it:
 * - the manifest's hash: the file as the generator last wrote it (what tells "untouched");
 * - the base: that same file's content, re-rendered (what a merge diffs against);
 * - the target: the file as this version renders the new answers;
 * - the disk: what the user has now.
 */
export type UpgradeStatus =
  /** nothing to do */
  | 'unchanged'
  /** untouched by you: takes the new render */
  | 'update'
  /** changed by you and by the generator: merged cleanly */
  | 'merge'
  /** changed by both in the same place: written with conflict markers (or, for binary files, left as yours) */
  | 'conflict'
  /** new file */
  | 'add'
  /** the generator dropped it and you had not touched it */
  | 'delete'
  /** you deleted it: stays deleted */
  | 'keep-deleted'
  /** only you changed it (or the generator dropped it after you changed it): stays as you have it */
  | 'keep-user';

/** Where the base of a three-way merge came from: a render of the version that made the file, a render stored by an earlier run, git history; or nowhere. */
export type BaseSource = 'render' | 'stored' | 'history' | 'none';

export interface DiskFile {
  readonly bytes: Buffer;
  readonly mode: number;
}

export interface FileDecision {
  readonly path: string;
  readonly status: UpgradeStatus;
  /** One line saying why, for the printout. */
  readonly reason: string;
  /** What is on disk now (absent: no file). */
  readonly before?: Buffer;
  /** What the file will hold (absent: removed, or left as it is). */
  readonly after?: Buffer;
  readonly mode?: number;
  /** For binary conflicts: the generator's version is written beside yours under this path. */
  readonly sidecar?: { readonly path: string; readonly content: Buffer };
  /** Conflict details (blocks in a text file, keys in package.json). */
  readonly conflicts?: readonly string[];
  /** Notes worth reading even when the merge was clean (package.json values kept as yours). */
  readonly notes?: readonly string[];
  /**
   * The manifest's hash of a file both sides changed when no trusted base was at hand: the
   * generated version to look for elsewhere (git history), so it merges three-way after all.
   */
  readonly missingBase?: string;
  /** For a file both sides changed: where its base came from. */
  readonly base?: BaseSource;
  /**
   * The base (LF text) a merge kept some of yours over the generator's changes against
   * (package.json values you changed): the manifest records its hash rather than the new
   * render's, so those changes are not taken as seen, and the next upgrade offers them again.
   */
  readonly heldBase?: string;
}

export interface UpgradeInput {
  /** sha256 (LF) of each file as the generator last wrote it, from the manifest. */
  readonly manifestHashes: Readonly<Record<string, string>>;
  /** The base render; undefined when it could not be had (every difference then conflicts). */
  readonly base: FileTree | undefined;
  readonly target: FileTree;
  /** The files on disk, for every path in the manifest or the target. */
  readonly disk: ReadonlyMap<string, DiskFile>;
  /** Where each file of `base` came from (default: the render). */
  readonly baseSources?: ReadonlyMap<string, BaseSource>;
}

