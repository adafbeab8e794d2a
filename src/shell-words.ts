/** An argument as a POSIX shell reads it back: bare when that is safe, else single-quoted. */
export function shellWord(arg: string): string {
  return /^[\w@./:=,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** A command line to print, or to copy into a script. */
export function shellLine(args: readonly string[]): string {
  return args.map(shellWord).join(' ');
}
