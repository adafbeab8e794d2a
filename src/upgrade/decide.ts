import { applyStyle, detectStyle, isBinary, toLf } from '../merge/line-endings.js';
import { type FileTree, sortedPaths } from '../plan/tree.js';
import { bytesHash, contentHash, manifestPath } from '../write/manifest.js';
import type { DiskFile, FileDecision, UpgradeInput } from './decision.js';
import { importsAmong } from './imports.js';
import { mergeFile } from './merge-file.js';

/**
 * What upgrade does to each file of the manifest or the new render (the manifest itself
 * aside), weighing the four versions decision.ts names. Pure: no disk access; the caller
 * reads the files and writes the result.
 */
export function decideFiles(input: UpgradeInput): FileDecision[] {
  const paths = new Set([...Object.keys(input.manifestHashes), ...input.target.keys()]);
  paths.delete(manifestPath);
  return [...paths].sort((a, b) => a.localeCompare(b, 'en')).map((path) => decide(path, input));
}

/** The paths the decisions need read from disk. */
export function pathsToRead(manifestHashes: Readonly<Record<string, string>>, target: FileTree): string[] {
  return [...new Set([...Object.keys(manifestHashes), ...sortedPaths(target)])].filter((path) => path !== manifestPath);
}

function decide(path: string, { manifestHashes, base, target, disk, baseSources }: UpgradeInput): FileDecision {
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
    return mergeFile(path, current, nextBytes, Buffer.alloc(0), 'the file existed before the generator added it');
  }

  if (!current) {
    if (nextBytes === undefined) return { path, status: 'unchanged', reason: 'deleted by you and dropped by the generator' };
    return { path, status: 'keep-deleted', reason: 'you deleted it; it stays deleted' };
  }

  const untouched = bytesHash(current.bytes) === generated;
  if (nextBytes === undefined) {
    if (untouched) return { path, status: 'delete', reason: 'dropped by the generator, untouched by you', before: current.bytes };
    return modifiedButDropped(path, current, manifestHashes, target);
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
  const decision = mergeFile(path, current, nextBytes, trusted, why);
  return trusted ? { ...decision, base: baseSources?.get(path) ?? 'render' } : { ...decision, missingBase: generated, base: 'none' };
}

/**
 * You changed a file the generator no longer writes (modify/delete, as git calls it): a
 * conflict. Yours is kept, but the files it imports may be removed by this same upgrade, so
 * the project may no longer build: say which.
 */
function modifiedButDropped(path: string, current: DiskFile, manifestHashes: UpgradeInput['manifestHashes'], target: FileTree): FileDecision {
  const dropped = new Set(Object.keys(manifestHashes).filter((file) => !target.has(file)));
  const imports = isBinary(current.bytes) ? [] : importsAmong(path, current.bytes.toString('utf8'), dropped);
  const needs = imports.length > 0 ? `; it imports ${imports.join(', ')}, which the generator dropped too` : '';
  return {
    path,
    status: 'conflict',
    reason: `the generator no longer uses it, but you changed it: kept as yours${needs}. Delete it, or keep what it needs and mark it resolved (upgrade --resolved ${path})`,
    before: current.bytes,
    conflicts: imports.map((file) => `imports ${file}, dropped by the generator`),
  };
}

/** Same text once line endings are ignored: nothing worth writing. */
function sameText(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  if (isBinary(a) || isBinary(b)) return false;
  return toLf(a.toString('utf8')) === toLf(b.toString('utf8'));
}
