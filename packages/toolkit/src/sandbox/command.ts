/**
 * A stage of the developer's own in the cloud, kept up to date as they save:
 *
 *   serverless-pattern sandbox [--destroy] [--profile name] [--yes]
 *
 * The stage is `sbx-<name>` (git's user, else the OS user), which the app does not list, so
 * it gets the settings the app gives any other stage (a generated app: dev's). It deploys
 * through `deploy` (same checks: credentials, placeholders, bootstrap), then runs `cdk watch
 * --hotswap-fallback` on the stage's stacks: a function's code is swapped in place in
 * seconds, a change to anything else deploys through CloudFormation. Ctrl-C stops watching
 * and leaves the stage deployed; `--destroy` destroys it as `destroy --stage <name>` does.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { UsageError } from '../deploy/arguments.js';
import { profileFlag } from '../deploy/bootstrap.js';
import { assemblyDir, cdkProcess } from '../deploy/cdk.js';
import { runDeployCommand } from '../deploy/command.js';
import { type DeployGroup, deployPlan } from '../deploy/plan.js';
import { developerNames, sandboxStage } from './stage-name.js';

const usage = 'serverless-pattern sandbox [--destroy] [--profile name] [--yes]';

interface SandboxArguments {
  readonly destroy: boolean;
  readonly profile?: string;
  readonly yes: boolean;
}

export async function sandbox(args: readonly string[], project = process.cwd()): Promise<number> {
  let options: SandboxArguments;
  let stage: string | undefined;
  try {
    options = parse(args);
    stage = sandboxStage(developerNames(project));
    if (!stage) throw new UsageError('No name for your sandbox: set git config user.name (letters or digits)');
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
  const passed = ['--stage', stage, ...(options.profile ? ['--profile', options.profile] : []), ...(options.yes ? ['--yes'] : [])];
  if (options.destroy) return runDeployCommand('destroy', passed, project);

  console.log(`Sandbox ${stage}: your own stage, with the settings of any stage the app does not list`);
  const deployed = await runDeployCommand('deploy', passed, project);
  if (deployed !== 0) return deployed;
  // deploy synthesized the stage into cdk.out: watch the stacks it deployed, group by group.
  const groups = deployPlan(new CloudAssembly(join(project, assemblyDir)), { profile: options.profile ?? process.env.AWS_PROFILE });
  const code = await watch(groups, stage, project);
  console.log(`\nStopped watching. Stage ${stage} is still deployed: \`serverless-pattern sandbox --destroy\` removes it.`);
  return code;
}

function parse(args: readonly string[]): SandboxArguments {
  try {
    const { values } = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { destroy: { type: 'boolean', default: false }, profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } },
    });
    if (values.profile === '') throw new Error('--profile needs a name');
    return { destroy: values.destroy, profile: values.profile, yes: values.yes };
  } catch (error) {
    throw new UsageError(`${(error instanceof Error ? error.message : String(error)).split('. ')[0]!.replace(/\.$/, '')}: usage: ${usage}`);
  }
}

/** What `cdk watch` runs for each group: one profile per call, so one watch per account's profile. */
export function watchCalls(groups: readonly DeployGroup[], stage: string): string[][] {
  return groups.map((group, index) => [
    'watch',
    ...group.stacks,
    '--exclusively',
    '--hotswap-fallback',
    '--context',
    `stage=${stage}`,
    ...profileFlag(group),
    // Each watch synthesizes on every change: several at once must not share one cloud assembly.
    ...(groups.length > 1 ? ['--output', `${assemblyDir}/watch-${index}`] : []),
  ]);
}

/**
 * Runs the watches until they all end. Ctrl-C (SIGINT) reaches them from the terminal; it is
 * also passed on here (when it comes from elsewhere), and ends the command with 0: stopping
 * a sandbox's watch is the normal way out, and leaves the stage deployed.
 */
async function watch(groups: readonly DeployGroup[], stage: string, project: string): Promise<number> {
  const children: ChildProcess[] = watchCalls(groups, stage).map((args) => cdkProcess(args, project));
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  };
  process.on('SIGINT', interrupt);
  try {
    const codes = await Promise.all(
      children.map((child) => new Promise<number>((resolve) => child.on('error', () => resolve(1)).on('close', (code) => resolve(code ?? 1)))),
    );
    return interrupted ? 0 : (codes.find((code) => code !== 0) ?? 0);
  } finally {
    process.off('SIGINT', interrupt);
  }
}
