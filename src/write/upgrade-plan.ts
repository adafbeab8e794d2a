import { type FileTree, sortedPaths } from '../plan/tree.js';
import { applyStyle, bytesHash, detectStyle, isBinary, toLf } from './line-endings.js';
import { contentHash, manifestPath } from './manifest.js';
import { mergePackageJson } from './merge-package-json.js';
import { markers, mergeThreeWay, mergeTwoWay } from './merge.js';

/**
 * What upgrade does to each file, decided from four versions of it:
 * - the manifest's hash: the file as the generator last wrote it (what tells "untouched");
 * - the base: that same file's content, re-rendered (what a merge diffs against);
 * - the target: the file as this version renders the new answers;
 * - the disk: what the user has now.
 * Pure: no disk access; the caller reads the files and writes the result.
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

export interface DiskFile {
  readonly bytes: Buffer;
  readonly mode: number;
}

export interface FileDecision {
  readonly path: string;
  readonly status: UpgradeStatus;
  /** One line saying why, for the plan printout. */
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
}

export interface UpgradeInput {
  /** sha256 (LF) of each file as the generator last wrote it, from the manifest. */
  readonly manifestHashes: Readonly<Record<string, string>>;
  /** The base render; undefined when it could not be had (every difference then conflicts). */
  readonly base: FileTree | undefined;
  readonly target: FileTree;
  /** The files on disk, for every path in the manifest or the target. */
  readonly disk: ReadonlyMap<string, DiskFile>;
}

/** Where a binary file's conflicting new version goes, beside yours. */
export const sidecarSuffix = '.generator';

export function planUpgrade(input: UpgradeInput): FileDecision[] {
  const paths = new Set([...Object.keys(input.manifestHashes), ...input.target.keys()]);
  paths.delete(manifestPath);
  return [...paths].sort((a, b) => a.localeCompare(b, 'en')).map((path) => decide(path, input));
}

/** The paths a plan needs read from disk. */
export function pathsToRead(manifestHashes: Readonly<Record<string, string>>, target: FileTree): string[] {
  return [...new Set([...Object.keys(manifestHashes), ...sortedPaths(target)])].filter((path) => path !== manifestPath);
}

function decide(path: string, { manifestHashes, base, target, disk }: UpgradeInput): FileDecision {
  const generated = manifestHashes[path];
  const next = target.get(path);
  const current = disk.get(path);
  const nextBytes = next === undefined ? undefined : Buffer.from(next.content);

  if (generated === undefined) {
    // Not written by the generator before: a new template file (or one a new answer brings).
    if (nextBytes === undefined) return { path, status: 'unchanged', reason: 'not generated' };
    if (!current) return { path, status: 'add', reason: 'new file', after: nextBytes, mode: next!.mode };
    if (sameText(current.bytes, nextBytes)) return { path, status: 'unchanged', reason: 'already as generated', before: current.bytes };
    // Yours already exists: merge against an empty base, so nothing of yours is lost.
    return merged(path, current, nextBytes, Buffer.alloc(0), 'the file existed before the generator added it');
  }

  if (!current) {
    if (nextBytes === undefined) return { path, status: 'unchanged', reason: 'deleted by you and dropped by the generator' };
    return { path, status: 'keep-deleted', reason: 'you deleted it; it stays deleted' };
  }

  const untouched = bytesHash(current.bytes) === generated;
  if (nextBytes === undefined) {
    if (untouched) return { path, status: 'delete', reason: 'dropped by the generator, untouched by you', before: current.bytes };
    return { path, status: 'keep-user', reason: 'dropped by the generator, but you changed it: kept', before: current.bytes };
  }
  if (untouched) {
    if (sameText(current.bytes, nextBytes)) return { path, status: 'unchanged', reason: 'untouched; no change in the template', before: current.bytes };
    const after = isBinary(nextBytes) ? nextBytes : Buffer.from(applyStyle(nextBytes.toString('utf8'), detectStyle(current.bytes.toString('utf8'))));
    return { path, status: 'update', reason: 'untouched by you: takes the new render', before: current.bytes, after, mode: current.mode };
  }
  if (contentHash(next!.content) === generated) return { path, status: 'keep-user', reason: 'changed only by you: kept as it is', before: current.bytes };
  if (sameText(current.bytes, nextBytes)) return { path, status: 'unchanged', reason: 'you already made the generator\'s change', before: current.bytes };

  const baseEntry = base?.get(path);
  // A base render is only trusted where it reproduces what the generator wrote then.
  const trusted = baseEntry !== undefined && contentHash(baseEntry.content) === generated ? Buffer.from(baseEntry.content) : undefined;
  const why = trusted
    ? 'changed by you and by the generator'
    : base === undefined
      ? 'changed by you and by the generator, no base to merge against'
      : 'changed by you and by the generator, and the base render does not reproduce the file as generated';
  return merged(path, current, nextBytes, trusted, why);
}

/** Merges yours with the generator's against a base (an empty one for new files, none when unknown). */
function merged(path: string, current: DiskFile, next: Buffer, base: Buffer | undefined, why: string): FileDecision {
  const before = current.bytes;
  if (isBinary(before) || isBinary(next) || (base && isBinary(base))) {
    return {
      path,
      status: 'conflict',
      reason: `binary, ${why}: yours is kept, the generator's is in ${path}${sidecarSuffix}`,
      before,
      sidecar: { path: `${path}${sidecarSuffix}`, content: next },
      conflicts: ['binary file changed on both sides'],
    };
  }
  const yoursText = before.toString('utf8');
  const style = detectStyle(yoursText);
  const yours = toLf(yoursText);
  const generator = toLf(next.toString('utf8'));
  const baseText = base === undefined ? undefined : toLf(base.toString('utf8'));

  if (path === 'package.json' || path.endsWith('/package.json')) {
    const result = mergePackageJson(baseText, yours, generator);
    if (result) {
      const after = result.text === yours ? before : Buffer.from(applyStyle(result.text, style));
      const status = result.conflicts.length > 0 ? 'conflict' : after.equals(before) ? 'keep-user' : 'merge';
      const reason = status === 'conflict' ? `${why}: values that differ are kept as yours` : `${why}: merged key by key`;
      return { path, status, reason, before, after, mode: current.mode, conflicts: result.conflicts, notes: result.kept };
    }
  }

  const result = baseText === undefined ? mergeTwoWay(yours, generator) : mergeThreeWay(baseText, yours, generator);
  const after = Buffer.from(applyStyle(result.text, style));
  if (result.conflicts > 0) {
    const blocks = `${result.conflicts} conflict block${result.conflicts === 1 ? '' : 's'}`;
    return { path, status: 'conflict', reason: `${why}: ${blocks} to resolve`, before, after, mode: current.mode, conflicts: conflictLines(result.text) };
  }
  if (after.equals(before)) return { path, status: 'keep-user', reason: `${why}: yours already has every change`, before };
  return { path, status: 'merge', reason: `${why}: merged cleanly`, before, after, mode: current.mode };
}

/** Where each conflict block is, as "lines 8-16", for the report. */
function conflictLines(text: string): string[] {
  const ranges: string[] = [];
  let start = 0;
  text.split('\n').forEach((line, index) => {
    if (line === markers.yours) start = index + 1;
    if (line === markers.generator) ranges.push(`lines ${start}-${index + 1}`);
  });
  return ranges;
}

/** Same text once line endings are ignored: nothing worth writing. */
function sameText(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  if (isBinary(a) || isBinary(b)) return false;
  return toLf(a.toString('utf8')) === toLf(b.toString('utf8'));
}

export function changesFiles(decision: FileDecision): boolean {
  return decision.after !== undefined || decision.status === 'delete' || decision.sidecar !== undefined;
}
