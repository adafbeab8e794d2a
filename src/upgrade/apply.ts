import type { FileTree } from '../plan/tree.js';
import { diskSink, dryRunSink, type Edit, type FileChange } from '../write/sink.js';
import { manifestPath } from '../write/manifest.js';
import type { FileDecision } from './decision.js';

/**
 * The generator's render as the next upgrade should find it: for each file, the version whose
 * changes are all in yours. That is the new render, except where a merge kept values of yours
 * over the generator's (its `heldBase`). The manifest records these hashes, and the stored
 * base (stored-base.ts) these contents.
 */
export function recordedRender(target: FileTree, decisions: readonly FileDecision[]): FileTree {
  const recorded: FileTree = new Map(target);
  for (const d of decisions) if (d.heldBase !== undefined && target.has(d.path)) recorded.set(d.path, { ...target.get(d.path)!, content: d.heldBase });
  return recorded;
}

/** Whether a decision writes or removes anything. */
export function changesFiles(decision: FileDecision): boolean {
  return editOf(decision) !== undefined;
}

/** The one file change a decision makes: its new content, its removal, or the generator's version beside a binary file. */
function editOf(decision: FileDecision): Edit | undefined {
  if (decision.status === 'delete') return { path: decision.path, remove: true };
  if (decision.after !== undefined) return { path: decision.path, content: decision.after, mode: decision.mode };
  if (decision.sidecar) return { path: decision.sidecar.path, content: decision.sidecar.content };
  return undefined;
}

/** What the decisions would change, read from disk as the write would find it (the dry run), by decision path. */
export function previewDecisions(directory: string, decisions: readonly FileDecision[]): Map<string, FileChange> {
  const changing = decisions.filter(changesFiles);
  const changes = dryRunSink.apply(directory, changing.map((d) => editOf(d)!));
  return new Map(changing.map((d, index) => [d.path, changes[index]!]));
}

/**
 * Applies the decisions in one transaction, the manifest last: a failure anywhere leaves the
 * project as it was (old files, old manifest).
 */
export function applyDecisions(directory: string, decisions: readonly FileDecision[], manifest: string): void {
  const edits = decisions.filter(changesFiles).map((d) => editOf(d)!);
  diskSink.apply(directory, [...edits, { path: manifestPath, content: manifest }]);
}
