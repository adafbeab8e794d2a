import { CliError, ExitCode } from '../errors.js';

/**
 * The files git reports as changed or untracked in a folder, or undefined when the folder is
 * not in a git work tree (or git is not installed): upgrade refuses to mix its changes with
 * uncommitted ones, so that `git diff` shows exactly what it did and `git checkout .` undoes it.
 */
export async function uncommittedFiles(dir: string): Promise<string[] | undefined> {
  const { execa } = await import('execa');
  try {
    const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false, stdin: 'ignore' });
    if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') return undefined;
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=all', '--', '.'], { cwd: dir, stdin: 'ignore' });
    return status.stdout.split('\n').filter((line) => line.trim() !== '').map((line) => line.slice(3));
  } catch {
    return undefined;
  }
}

/** Upgrade's precondition: a clean work tree, so `git diff` shows exactly what it did. */
export async function refuseUncommitted(dir: string, displayDir: string): Promise<void> {
  const dirty = await uncommittedFiles(dir);
  if (!dirty || dirty.length === 0) return;
  const count = `${dirty.length} file${dirty.length === 1 ? '' : 's'}`;
  throw new CliError(`Uncommitted changes in ${displayDir} (${count}): commit or stash them first, or pass --allow-dirty`, ExitCode.usage, dirty.slice(0, 10));
}
