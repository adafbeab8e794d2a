import { posix } from 'node:path';
import { usageError } from '../errors.js';
import type { FileTree } from '../plan/tree.js';
import type { FileDecision } from './decision.js';

/**
 * Modify/delete conflicts across upgrades. A file you changed that the generator no longer
 * writes is kept as yours, and it may still import what the generator dropped; nothing in it
 * marks the conflict (as markers do in a merged file), so the manifest lists it (`conflicts`)
 * and every upgrade exits 3 naming it, until you delete the file or mark it resolved with
 * `upgrade --resolved <file>`: as git keeps a path unmerged until you `git rm` or `git add` it.
 */

/** The paths `--resolved` names, as the manifest spells them; refused (exit 2) unless each is listed there. */
export function resolvedConflicts(given: readonly string[], listed: readonly string[]): string[] {
  return given.map((raw) => {
    const path = posix.normalize(raw.replaceAll('\\', '/')).replace(/^\.\//, '');
    if (listed.includes(path)) return path;
    const those = listed.length > 0 ? `those are: ${listed.join(', ')}` : 'there are none';
    throw usageError(`Invalid --resolved ${raw}: not a file an earlier upgrade kept in conflict (${those}); a file with conflict markers is resolved by removing them`);
  });
}

export interface KeptConflicts {
  /** Listed by an earlier upgrade and still unresolved: this upgrade exits 3 naming them. */
  readonly still: readonly string[];
  /** What the new manifest lists: those, and the modify/delete conflicts of this upgrade. */
  readonly record: readonly string[];
}

export function keptConflicts(input: {
  /** The manifest's list. */
  readonly listed: readonly string[];
  /** What `--resolved` named. */
  readonly resolved: readonly string[];
  /** Whether the file is still there (deleting it resolves it). */
  readonly present: (path: string) => boolean;
  /** The new render: a file it writes again is the generator's again, merged as any other. */
  readonly target: FileTree;
  readonly decisions: readonly FileDecision[];
}): KeptConflicts {
  const still = input.listed.filter((path) => !input.resolved.includes(path) && input.present(path) && !input.target.has(path));
  const now = input.decisions.filter((d) => d.status === 'conflict' && !input.target.has(d.path)).map((d) => d.path);
  return { still, record: [...new Set([...still, ...now])].sort() };
}
