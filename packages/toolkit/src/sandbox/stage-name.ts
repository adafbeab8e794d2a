import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/**
 * A developer's own stage: `sbx-<name>`. The prefix keeps it apart from the stages a team
 * lists (`prod`, `dev`) and from the previews (`pr-<number>`), so a sandbox never takes
 * another stage's settings or stacks, and says what it is in the console.
 */
export const sandboxPrefix = 'sbx-';

/**
 * How long a stage name may be: the generated app's rule (infra/stage.ts), since the stage
 * goes into bucket names and other names AWS limits. So a sandbox name keeps 8 characters.
 */
export const maxStageNameLength = 12;

/**
 * `name` as a stage name: lower-case letters and digits (accents dropped), any run of other
 * characters one hyphen, none at either end, cut to fit after the prefix. Empty when nothing
 * of it is left.
 */
export function sanitisedName(name: string): string {
  const cut = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxStageNameLength - sandboxPrefix.length);
  return cut.replace(/-+$/, '');
}

/** The stage of the first candidate that leaves a name once sanitised. */
export function sandboxStage(candidates: readonly (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const name = candidate === undefined ? '' : sanitisedName(candidate);
    if (name !== '') return `${sandboxPrefix}${name}`;
  }
  return undefined;
}

/** Who the developer is, most telling first: git's `user.name`, the local part of git's `user.email`, the OS user. */
export function developerNames(project: string): (string | undefined)[] {
  return [gitConfig('user.name', project), gitConfig('user.email', project)?.split('@')[0], osUser()];
}

function gitConfig(key: string, project: string): string | undefined {
  const { status, stdout } = spawnSync('git', ['config', '--get', key], { cwd: project, encoding: 'utf8' });
  return status === 0 ? stdout.trim() || undefined : undefined;
}

function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // A user id with no entry in /etc/passwd (some containers).
    return process.env.USER ?? process.env.USERNAME;
  }
}
