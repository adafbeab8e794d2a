import type { Logger } from '../log.js';
import type { Ask } from './question.js';
import type { SummaryGroup } from './summary.js';

/**
 * What a person sees before anything is written: every answer, grouped, and the command
 * that gives the same without a question.
 */
export function printReview(log: Logger, heading: string, groups: readonly SummaryGroup[], command: string): void {
  const width = Math.max(...groups.flatMap((group) => group.rows.map((row) => row.label.length)));
  log.info(`\n${heading}`);
  for (const group of groups) {
    log.info(`  ${log.style.bold(group.title)}`);
    for (const row of group.rows) {
      log.info(`    ${row.label.padEnd(width)}  ${row.value}${row.was === undefined ? '' : `  ${log.style.yellow(`(was ${row.was})`)}`}`);
    }
  }
  log.info('\nThe same without questions, for a script:');
  log.info(`  ${log.style.bold(command)}\n`);
}

/** The last question before writing (default yes). */
export async function confirmed(ask: Ask, id: string, message: string): Promise<boolean> {
  return ask({ id, kind: 'confirm', message, default: true });
}
