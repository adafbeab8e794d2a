import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';

/**
 * After an upgrade that wrote files, the project's own type-check (its installed `tsc`), so
 * what a merge or a kept file broke shows now rather than at the next deploy. It only
 * reports: the upgrade's exit code stays what the merge made it. Skipped when the
 * dependencies are not installed.
 */
export interface TypeCheck {
  readonly ran: boolean;
  readonly ok?: boolean;
  /** The compiler's error lines (the first few). */
  readonly errors?: readonly string[];
  readonly note?: string;
}

const shownErrors = 10;

export async function typeCheck(dir: string, log: Logger, { installPending }: { installPending: boolean }): Promise<TypeCheck> {
  const tsc = join(dir, 'node_modules', '.bin', 'tsc');
  if (!existsSync(tsc)) return { ran: false, note: 'dependencies are not installed' };
  log.step('Type-checking the project (tsc --noEmit)');
  const { execa } = await import('execa');
  const result = await execa(tsc, ['--noEmit', '--pretty', 'false'], { cwd: dir, reject: false, stdin: 'ignore', all: true });
  if (result.exitCode === 0) {
    log.success('The project type-checks.');
    return { ran: true, ok: true };
  }
  const lines = (result.all ?? '').split('\n').filter((line) => line.trim() !== '');
  const errors = lines.filter((line) => /error TS\d+/.test(line));
  const shown = (errors.length > 0 ? errors : lines).slice(0, shownErrors);
  const why = installPending ? ' (dependencies changed and are not installed yet: install them first)' : '';
  log.warn(`The project no longer type-checks after the upgrade: ${errors.length || 'some'} error(s)${why}:`);
  for (const line of shown) log.warn(`  ${line}`);
  return { ran: true, ok: false, errors: shown };
}
