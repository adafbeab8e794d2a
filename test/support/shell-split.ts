/** Splits a command line printed for a POSIX shell back into its arguments (bare words and '...' quoting). */
export function shellSplit(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/(?:[^\s']+|'[^']*')+/g)) {
    args.push(match[0].replace(/'([^']*)'/g, '$1'));
  }
  return args;
}
