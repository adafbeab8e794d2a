import type { Logger } from '../log.js';
import { isBinary } from '../merge/line-endings.js';
import { unifiedDiff } from '../merge/line-diff.js';
import { type AnswerKey, answerKeys, type Answers, flagName, formatAnswer } from '../options/answers.js';
import type { FileChange } from '../write/sink.js';
import type { FileDecision } from './decision.js';

/** What upgrade says it did (or would do): the lines on the terminal and the --json document. */

/** "--cache: false → true", for each answer that changed. */
export function answerChanges(from: Answers, to: Answers): string[] {
  return answerKeys.filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key])).map((key) => `${flagName(key)}: ${shown(key, from)} → ${shown(key, to)}`);
}

const shown = (key: AnswerKey, answers: Answers) => formatAnswer(key, answers[key] as never) || '(none)';

const statusWidth = 13;

/** One line per file that changes, with why; the unchanged ones counted. */
export function printDecisions(log: Logger, decisions: readonly FileDecision[]) {
  for (const d of decisions) {
    if (d.status === 'unchanged') continue;
    log.info(`  ${d.status.padEnd(statusWidth)} ${d.path}  (${d.reason})`);
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
      ...(d.conflicts?.length ? { conflicts: d.conflicts } : {}),
      ...(d.notes?.length ? { notes: d.notes } : {}),
      ...(change ? { diff: diffText(change) } : {}),
    };
  });
}

/** The message upgrade exits 3 with. */
export function conflictReport(conflicts: readonly FileDecision[]): string {
  const files = `${conflicts.length} file${conflicts.length === 1 ? '' : 's'}`;
  return `error: Upgrade left conflicts in ${files}; resolve them, then run the tests:\n${conflicts.map((d) => `  ${d.path}: ${d.reason}\n`).join('')}`;
}
