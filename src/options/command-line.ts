import { basename, resolve as resolvePath } from 'node:path';
import { shellLine } from '../shell-words.js';
import { answerKeys, type Answers, flagName, flagValue } from './answers.js';
import { baselineAnswers } from './baseline.js';
import type { PackageManager } from './package-manager.js';

/**
 * The command line that gives the same answers without a question, to copy into a script.
 * Its flags come from the answer table: one for each answer that differs from what the
 * command starts from (the preset's answers, or the stored ones on upgrade), so it says
 * exactly what was chosen, and resolving it gives the same answers back.
 */
const bin = ['npx', 'create-serverless-pattern'];

export interface CreateCommandInput {
  /** The project folder as the person would type it, relative to where they are. */
  readonly directory: string;
  readonly answers: Answers;
  readonly packageManager: PackageManager;
  /** Run options to repeat (`--no-install`, `--no-git`, ...): they change what runs, not what is written. */
  readonly run?: readonly string[];
}

export function createCommand({ directory, answers, packageManager, run = [] }: CreateCommandInput): string {
  const start = { ...baselineAnswers(answers.pattern), name: basename(resolvePath(directory)) };
  return shellLine([...bin, directory, '--pattern', answers.pattern, ...flagsBetween(start, answers), ...packageManagerFlag(packageManager), ...run, '--yes']);
}

export interface UpgradeCommandInput {
  readonly directory: string;
  readonly stored: Answers;
  readonly answers: Answers;
  /** Given only when it changes. */
  readonly packageManager?: PackageManager;
}

export function upgradeCommand({ directory, stored, answers, packageManager }: UpgradeCommandInput): string {
  const start = { ...baselineAnswers(answers.pattern, stored), name: stored.name };
  const pattern = stored.pattern === answers.pattern ? [] : ['--pattern', answers.pattern];
  const where = directory === '.' ? [] : [directory];
  return shellLine([...bin, 'upgrade', ...where, ...pattern, ...flagsBetween(start, answers), ...(packageManager ? ['--package-manager', packageManager] : []), '--yes']);
}

/** The flags that turn `from` into `to`, in the table's order; the pattern is said on its own. */
export function flagsBetween(from: Answers, to: Answers): string[] {
  return answerKeys.flatMap((key) => {
    if (key === 'pattern' || JSON.stringify(from[key]) === JSON.stringify(to[key])) return [];
    const value = to[key];
    if (typeof value === 'boolean') return [value ? flagName(key) : `--no-${flagName(key).slice(2)}`];
    return [flagName(key), flagValue(key, value as never)];
  });
}

/** `npx` runs with npm, so only another package manager needs saying. */
const packageManagerFlag = (packageManager: PackageManager) => (packageManager === 'npm' ? [] : ['--package-manager', packageManager]);
