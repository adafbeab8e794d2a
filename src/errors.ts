/** The documented exit codes; README's "Exit codes" table mirrors this. */
export const ExitCode = {
  ok: 0,
  stepFailed: 1,
  usage: 2,
  conflicts: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can act on: its message is one line that names what to fix. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.usage,
    /** Extra lines printed after the message, such as the command to retry. */
    readonly hints: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, ExitCode.usage);

/** Thrown when the user presses Ctrl-C; nothing is left half-written. */
export class InterruptedError extends CliError {
  constructor() {
    super('Interrupted; nothing was written.', ExitCode.interrupted);
  }
}
