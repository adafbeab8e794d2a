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
  return [step.cmd, ...step.args.map(shellQuote)].join(' ');
}

/** An argument as a POSIX shell reads it back: as it is when that is safe, else in single quotes ("cd 'my app'"). */
export function shellQuote(arg: string): string {
  return /^[\w@./:=,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}
