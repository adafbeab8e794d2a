import type { Logger } from '../log.js';
import { isBinary } from '../merge/line-endings.js';
import { unifiedDiff } from '../merge/line-diff.js';
import { type AnswerKey, answerKeys, type Answers, flagName, formatAnswer } from '../options/answers.js';
import type { FileChange } from '../write/sink.js';
import type { BaseRender } from './base-render.js';
import type { BaseSource, FileDecision } from './decision.js';

/** What upgrade says it did (or would do): the lines on the terminal and the --json document. */

/** "--cache: false → true", for each answer that changed. */
export function answerChanges(from: Answers, to: Answers): string[] {
  return answerKeys.filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key])).map((key) => `${flagName(key)}: ${shown(key, from)} → ${shown(key, to)}`);
}

const shown = (key: AnswerKey, answers: Answers) => formatAnswer(key, answers[key] as never) || '(none)';

const statusWidth = 13;

/** Where a merge's base came from, as the printout says it. */
export const baseLabels = {
  render: 'the render of the version that made it',
  stored: 'a render stored by an earlier upgrade',
  history: 'git history',
  none: 'none found: merged two-way',
} as const satisfies Record<BaseSource, string>;

/** One line per file that changes, with why (and, for a merge, its base); the unchanged ones counted. */
export function printDecisions(log: Logger, decisions: readonly FileDecision[]) {
  for (const d of decisions) {
    if (d.status === 'unchanged') continue;
    log.info(`  ${d.status.padEnd(statusWidth)} ${d.path}  (${d.reason}${d.base ? `; base: ${baseLabels[d.base]}` : ''})`);
    for (const note of d.notes ?? []) log.info(`  ${''.padEnd(statusWidth)}   ${note}`);
    for (const conflict of d.status === 'conflict' ? (d.conflicts ?? []) : []) log.info(`  ${''.padEnd(statusWidth)}   ${conflict}`);
  }
  const unchanged = decisions.filter((d) => d.status === 'unchanged').length;
  if (unchanged > 0) log.info(`  ${'unchanged'.padEnd(statusWidth)} ${unchanged} other files`);
}

/** A change as `git diff` would show it. */
export function diffText(change: FileChange): string {
  if ((change.before && isBinary(change.before)) || (change.after && isBinary(change.after))) return `Binary file ${change.path} differs\n`;
  return unifiedDiff(change.path, change.before?.toString('utf8'), change.after?.toString('utf8'));
}

/** "3 update, 1 merge, 40 unchanged". */
export function summary(decisions: readonly FileDecision[]): string {
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

/** Each file in the --json document: its status and why, and its diff in a dry run. */
export function fileEntries(decisions: readonly FileDecision[], diffs?: ReadonlyMap<string, FileChange>) {
  return decisions.map((d) => {
    const change = diffs?.get(d.path);
    return {
      path: d.path,
      status: d.status,
      reason: d.reason,
      ...(d.base ? { base: d.base } : {}),
      ...(d.conflicts?.length ? { conflicts: d.conflicts } : {}),
      ...(d.notes?.length ? { notes: d.notes } : {}),
      ...(change ? { diff: diffText(change) } : {}),
    };
  });
}

/**
 * The message upgrade exits 3 with: conflicts it left now, markers an earlier one left that
 * are still there, and files an earlier one kept after the generator dropped them.
 */
export function conflictReport(conflicts: readonly FileDecision[], unresolved: readonly string[] = [], kept: readonly string[] = []): string {
  const count = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const now = conflicts.length === 0 ? '' : `error: Upgrade left conflicts in ${count(conflicts.length)}; resolve them, then run the tests:\n${conflicts.map((d) => `  ${d.path}: ${d.reason}\n`).join('')}`;
  const before = unresolved.length === 0 ? '' : `error: Conflict markers from an earlier upgrade are still in ${count(unresolved.length)}; resolve them:\n${unresolved.map((path) => `  ${path}\n`).join('')}`;
  const dropped =
    kept.length === 0
      ? ''
      : `error: An earlier upgrade left ${count(kept.length)} in conflict that the generator no longer writes; delete ${kept.length === 1 ? 'it' : 'each'}, or mark it resolved with upgrade --resolved <file>:\n${kept.map((path) => `  ${path}\n`).join('')}`;
  return `${now}${before}${dropped}`;
}

/** What to say about the base render: whom it came from, and how much of what was generated it reproduces. */
export function baseNotes(base: BaseRender): string[] {
  if (base.problem) {
    return [`No render of the version that made the project: ${base.problem}. Files both sides changed take their base from renders stored by earlier upgrades or git history; where neither has it, they merge two-way (every difference is a conflict).`];
  }
  const { matched, total } = base.reproduces ?? { matched: 0, total: 0 };
  if (matched === total) return [];
  return [
    `The render of ${base.source} reproduces ${matched} of the ${total} files as the manifest records them (templates changed under the same version number, or an earlier upgrade kept a file at an older base): where you changed one of the others too, its base comes from a render stored by an earlier upgrade or git history, or it merges two-way.`,
  ];
}

/** "Bases: 2 from git history, 1 stored" after the lookups beyond the render. */
export function foundNotes(found: ReadonlyMap<BaseSource, number>): string[] {
  return [...found].map(([source, count]) => `Found the base of ${count} file${count === 1 ? '' : 's'} in ${baseLabels[source]}: ${count === 1 ? 'it merges' : 'they merge'} three-way.`);
}
