import { type PackageManager, packageManagers } from './package-manager.js';
import type { Step } from './step.js';

export interface StepOptions {
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  /** The folder the user would `cd` into, as they typed it. */
  readonly displayDir: string;
}

export const commitMessage = 'Initial commit from create-serverless-pattern';

/** The steps after writing, in order: install first, so the first commit holds the lockfile. */
export function planSteps(options: StepOptions): Step[] {
  const cd = `cd ${options.displayDir} && `;
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
  return steps;
}
