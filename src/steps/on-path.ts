import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { usageError } from '../errors.js';
import { type PackageManager, packageManagerNames } from '../options/package-manager.js';

/** Whether `command` is an executable file in one of PATH's folders (with one of PATHEXT's endings on Windows). */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endings = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  return (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) =>
      endings.some((ending) => {
        const file = join(dir, `${command}${ending}`);
        try {
          accessSync(file, constants.X_OK);
          return statSync(file).isFile();
        } catch {
          return false;
        }
      }),
    );
}

/**
 * Refuses, before anything is written, an install with a package manager this machine does
 * not have: otherwise the project would be written and the install would fail after it.
 */
export function requirePackageManager(packageManager: PackageManager, { why, skip }: { why: string; skip: string }): void {
  if (onPath(packageManager)) return;
  const others = packageManagerNames.filter((name) => name !== packageManager && onPath(name));
  throw usageError(
    `${packageManager} is not installed here (no ${packageManager} on PATH) and ${why}: install it, choose another with --package-manager${others.length > 0 ? ` (${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} installed)` : ''}, or ${skip}`,
  );
}
