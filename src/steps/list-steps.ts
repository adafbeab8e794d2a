import { type PackageManager, packageManagers } from '../options/package-manager.js';
import { shellWord } from '../shell-words.js';
import type { Step } from './step.js';

export interface StepOptions {
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  /** The folder the user would `cd` into, as they typed it. */
  readonly displayDir: string;
  readonly deploy?: { readonly profile?: string; readonly yes: boolean };
}

export const commitMessage = 'Initial commit from create-serverless-pattern';

/**
 * The steps after writing, in order: install first, so the first commit holds the lockfile;
 * deploy last, through the project's own deploy script, which checks credentials first.
 */
export function listSteps(options: StepOptions): Step[] {
  const cd = `cd ${shellWord(options.displayDir)} && `;
  const steps: Step[] = [];
  if (options.install) {
    const pm = packageManagers[options.packageManager];
    const install = { cmd: options.packageManager, args: pm.install };
    steps.push({ id: 'install', title: 'Installing dependencies', ...install, retry: `${cd}${options.packageManager} ${pm.install.join(' ')}` });
  }
  if (options.git) {
    steps.push(
      { id: 'git-init', title: 'Initializing a git repository', cmd: 'git', args: ['init', '--quiet'], retry: `${cd}git init` },
      { id: 'git-add', title: 'Staging files', cmd: 'git', args: ['add', '--all'], retry: `${cd}git add --all` },
      {
        id: 'git-commit',
        title: 'Creating the first commit',
        cmd: 'git',
        args: ['commit', '--quiet', '--no-verify', '--message', commitMessage],
        retry: `${cd}git commit -m "${commitMessage}"`,
      },
    );
  }
  if (options.deploy) {
    const pm = packageManagers[options.packageManager];
    const args = [...(options.deploy.yes ? ['--yes'] : []), ...(options.deploy.profile ? ['--profile', options.deploy.profile] : [])];
    const [cmd, ...runArgs] = pm.run.split(' ') as [string, ...string[]];
    // npm needs `--` before the script's own arguments; the others pass them as they are.
    const separator = pm.args.trim() === '' ? [] : [pm.args.trim()];
    const deployArgs = [...runArgs, 'deploy', ...(args.length ? [...separator, ...args] : [])];
    steps.push({
      id: 'deploy',
      title: 'Deploying',
      cmd,
      args: deployArgs,
      retry: `${cd}${[cmd, ...deployArgs].join(' ')}`,
      interactive: !options.deploy.yes,
    });
  }
  return steps;
}
