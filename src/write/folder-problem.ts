import { existsSync, readdirSync, statSync } from 'node:fs';

/**
 * Why a folder cannot take a new project, in words for a prompt ("already has files in it"), or
 * undefined when it can: the name prompt says so as the name is typed. checkTarget
 * (writer.ts) refuses the same folders with exit 2 and the flag that allows them.
 */
export function folderProblem(folder: string, { force }: { readonly force: boolean }): string | undefined {
  if (!existsSync(folder)) return undefined;
  if (!statSync(folder).isDirectory()) return 'is a file, not a folder';
  return !force && readdirSync(folder).length > 0 ? 'already has files in it' : undefined;
}
