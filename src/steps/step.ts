import { shellLine } from '../shell-words.js';

/** A command to run after writing, as data: listed by list-steps.ts, printed in a dry run, run by run-steps.ts. */
export interface Step {
  readonly id: 'install' | 'git-init' | 'git-add' | 'git-commit' | 'deploy';
  readonly title: string;
  readonly cmd: string;
  readonly args: readonly string[];
  /** What to tell the user to run by hand if this step fails. */
  readonly retry: string;
  /** Whether the step may ask the user something (it then shares our terminal's input). */
  readonly interactive?: boolean;
}

export function commandLine(step: Pick<Step, 'cmd' | 'args'>): string {
  return shellLine([step.cmd, ...step.args]);
}
