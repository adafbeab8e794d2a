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

/**
 * What the operating system said, as a sentence: an error from the file system (a name too
 * long, no permission, a file where a folder should be) is the user's to fix (exit 2), a full
 * disk or a failed device is not (exit 1). Any other code is reported by its name.
 */
const systemErrors = {
  ENAMETOOLONG: ['a name in the path is too long', ExitCode.usage],
  EACCES: ['permission denied', ExitCode.usage],
  EPERM: ['operation not permitted', ExitCode.usage],
  EROFS: ['the file system is read-only', ExitCode.usage],
  EEXIST: ['something is already there', ExitCode.usage],
  ENOTDIR: ['a part of the path is a file, not a folder', ExitCode.usage],
  EISDIR: ['it is a folder, not a file', ExitCode.usage],
  ENOENT: ['no such file or folder', ExitCode.usage],
  ELOOP: ['too many levels of symbolic links', ExitCode.usage],
  ENOTEMPTY: ['the folder is not empty', ExitCode.usage],
  EXDEV: ['it is on another file system', ExitCode.stepFailed],
  ENOSPC: ['no space left on the device', ExitCode.stepFailed],
  EDQUOT: ['the disk quota is used up', ExitCode.stepFailed],
  EIO: ['an input/output error', ExitCode.stepFailed],
  EBUSY: ['it is busy', ExitCode.stepFailed],
  EMFILE: ['too many open files', ExitCode.stepFailed],
} as const satisfies Record<string, readonly [string, ExitCode]>;

/** A Node.js system error (it has a code and a syscall) as one line with its exit code; undefined for anything else. */
export function fromSystemError(error: unknown): CliError | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const [reason, exitCode] = systemErrors[e.code as keyof typeof systemErrors] ?? [e.code, ExitCode.stepFailed];
  const where = e.path ? ` ${e.path}${e.dest ? ` → ${e.dest}` : ''}` : '';
  return new CliError(`Cannot ${e.syscall}${where}: ${reason} (${e.code})`, exitCode);
}
