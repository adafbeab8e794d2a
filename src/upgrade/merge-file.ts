import { markers, mergeThreeWay, mergeTwoWay } from '../merge/diff3.js';
import { applyStyle, detectStyle, isBinary, toLf } from '../merge/line-endings.js';
import { mergePackageJson } from '../merge/package-json.js';
import type { DiskFile, FileDecision } from './decision.js';

/** Where a binary file's conflicting new version goes, beside yours. */
export const sidecarSuffix = '.generator';

/**
 * Merges yours with the generator's against a base (an empty one for new files, none when
 * unknown): package.json key by key, other text line by line in your line endings, binary
 * files never (yours stays, the generator's goes beside it).
 */
export function mergeFile(path: string, current: DiskFile, next: Buffer, base: Buffer | undefined, why: string): FileDecision {
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
    // An empty base (a file the manifest has no hash for) says nothing about keys: merge two-way, key by key.
    const result = mergePackageJson(baseText === '' ? undefined : baseText, yours, generator);
    if (result) {
      const after = result.text === yours ? before : Buffer.from(applyStyle(result.text, style));
      const status = result.conflicts.length > 0 ? 'conflict' : after.equals(before) ? 'keep-user' : 'merge';
      const reason = status === 'conflict' ? `${why}: ${result.conflicts.length} value(s) in conflict, marked in the file` : `${why}: merged key by key`;
      // Values of yours kept over the generator's: the manifest stays at this base, so the next upgrade offers them again.
      const heldBase = result.kept.length > 0 ? baseText : undefined;
      return { path, status, reason, before, after, mode: current.mode, conflicts: result.conflicts, notes: result.kept, ...(heldBase === undefined ? {} : { heldBase }) };
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
