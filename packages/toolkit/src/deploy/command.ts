/**
 * Deploys, diffs or destroys a CDK app in the right order with the right credentials:
 *
 *   serverless-pattern deploy [stack...] [--stage name] [--profile name] [--yes]
 *   serverless-pattern diff | destroy | drift      (same options)
 *
 * It synthesizes the app once (`cdk synth`), plans from that cloud assembly, and has every
 * `cdk` call work on it. Before deploying anything it checks who the credentials belong to,
 * that they are for the account each stack pins (if any), that no placeholder is left in a
 * template, and that every account and region is bootstrapped. `destroy` says what it keeps,
 * and how to delete each; `drift` runs CloudFormation's drift detection on every stack deploy
 * deploys (`cdk drift --fail`) and fails when any changed outside the app. `--stage` is
 * passed to the app as the context value `stage`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { whoAmI } from './account.js';
import { sharedByStagesTag, stageOf } from './app-metadata.js';
import { type DeployArguments, type DeployCommand, parseDeployArguments, UsageError } from './arguments.js';
import { bootstrapAll, type Checked, profileFlag } from './bootstrap.js';
import { assemblyDir, cdk, cdkWithOutput } from './cdk.js';
import { keptResources } from './kept-resources.js';
import { type Found, physicalIds, reportKept } from './kept-report.js';
import { placeholderError, placeholdersIn } from './placeholders.js';
import { type DeployGroup, defaultRegion, deployPlan, destroyPlan, sharedByStages, UnknownStackError } from './plan.js';

/** Runs `command` in `project` (the folder with cdk.json); gives the exit code: 2 for bad usage or an unknown stack, 1 for any other failure. */
export async function runDeployCommand(command: DeployCommand, args: readonly string[], project = process.cwd()): Promise<number> {
  try {
    await run(command, parseDeployArguments(command, args), project);
    return 0;
  } catch (error) {
    console.error(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return error instanceof UsageError || error instanceof UnknownStackError ? 2 : 1;
  }
}

async function run(command: DeployCommand, options: DeployArguments, project: string) {
  // No --stage: no context value, so the app's own default stage applies.
  cdk(['synth', '--quiet', ...(options.stage ? ['--context', `stage=${options.stage}`] : [])], project);
  const assembly = new CloudAssembly(join(project, assemblyDir));
  const stage = stageOf(assembly);
  if (stage) console.log(`Stage ${stage.name}${stage.listed ? '' : ' (not one the app lists: the settings it gives any other stage)'}`);
  const planOptions = { profile: options.profile ?? stage?.profile ?? process.env.AWS_PROFILE, only: options.only };
  const groups = command === 'destroy' ? destroyPlan(assembly, planOptions) : deployPlan(assembly, planOptions);
  const planned = assembly.stacksRecursively.filter((stack) => groups.some((group) => group.stacks.includes(stack.stackName)));

  console.log(`${command} plan:`);
  for (const group of groups) console.log(`  ${describeGroup(group)}`);
  const kept = command === 'destroy' ? keptResources(planned) : [];
  if (kept.length > 0) {
    console.log('It keeps:');
    for (const resource of kept) console.log(`  ${resource.what}${resource.note ? ` (${resource.note})` : ''}`);
  }
  if (command === 'destroy' && options.only.length === 0) {
    for (const stack of sharedByStages(assembly)) {
      const region = stack.environment.region === 'unknown-region' ? '' : ` --region ${stack.environment.region}`;
      const description = typeof stack.template.Description === 'string' ? ` (${stack.template.Description})` : '';
      console.log(`It leaves ${stack.stackName}${description}: every stage in its account and region shares it (tagged ${sharedByStagesTag}).`);
      console.log(`  Once no stage is left there: aws cloudformation delete-stack --stack-name ${stack.stackName}${region}`);
    }
  }

  // Who deploys where, for every group, before anything changes.
  const checked = await checkCredentials(groups);

  if (command === 'deploy') {
    // Values left to fill in (a hosted zone id) would fail half-way through a deploy: stop now.
    const refused = placeholderError(placeholdersIn(planned));
    if (refused) throw new Error(refused);
    await bootstrapAll(checked, options.yes, project);
  }

  const keptIds: Found[] = command === 'destroy' ? await physicalIds(checked, kept) : [];

  if (command === 'drift') {
    // `cdk drift --fail` exits 1 on drift and on an error alike: its report tells them apart.
    const results: { group: DeployGroup; outcome: DriftOutcome }[] = [];
    for (const { group } of checked) results.push({ group, ...driftOf(await cdkWithOutput(['drift', ...group.stacks, '--app', assemblyDir, '--fail', ...profileFlag(group)], project)) });
    const stacksOf = (outcome: DriftOutcome) => results.filter((result) => result.outcome === outcome).flatMap(({ group }) => group.stacks);
    if (stacksOf('failed').length > 0) throw new Error(`Drift detection failed for ${stacksOf('failed').join(', ')} (see above)${stacksOf('drifted').length > 0 ? `; drifted: ${stacksOf('drifted').join(', ')}` : ''}`);
    if (stacksOf('drifted').length > 0) throw new Error(`Drift: ${stacksOf('drifted').join(', ')} changed outside the app (see above)`);
    return;
  }

  const outputs: Record<string, unknown> = {};
  try {
    for (const { group, identity } of checked) {
      const outputsFile = `${assemblyDir}/outputs-${identity.account}-${group.region}.json`.replaceAll(' ', '-');
      cdk(
        [
          command,
          ...group.stacks,
          '--exclusively',
          '--app',
          assemblyDir,
          ...profileFlag(group),
          ...(command === 'deploy' ? ['--require-approval', options.yes ? 'never' : 'broadening', '--outputs-file', outputsFile] : []),
          ...(command === 'destroy' && options.yes ? ['--force'] : []),
        ],
        project,
      );
      if (command === 'deploy') Object.assign(outputs, JSON.parse(readFileSync(join(project, outputsFile), 'utf8')));
    }
  } finally {
    // Also after a failed destroy: the stacks it did delete left these behind.
    if (keptIds.length > 0) await reportKept(checked, keptIds);
  }

  if (command === 'deploy') {
    writeFileSync(join(project, assemblyDir, 'outputs.json'), `${JSON.stringify(outputs, null, 2)}\n`);
    console.log(`\nOutputs (also in ${assemblyDir}/outputs.json):`);
    for (const [stack, values] of Object.entries(outputs)) {
      for (const [key, value] of Object.entries(values as Record<string, string>)) console.log(`  ${stack}.${key} = ${value}`);
    }
  }
}

/** Who the credentials of each group belong to, refusing any that are not for the account its stacks pin. */
export async function checkCredentials(groups: readonly DeployGroup[]): Promise<Checked[]> {
  const checked: Checked[] = [];
  for (const group of groups) {
    const target = { profile: group.profile, region: group.region === defaultRegion ? undefined : group.region };
    const identity = await whoAmI(target);
    if (group.account && identity.account !== group.account) {
      throw new Error(`The credentials are for account ${identity.account}, but ${group.stacks.join(', ')} deploy to ${group.account}: use that account's profile (--profile)`);
    }
    console.log(`  ${group.stacks.join(', ')}: as ${identity.arn}`);
    checked.push({ group, target, identity });
  }
  return checked;
}

export function describeGroup(group: DeployGroup): string {
  const account = group.account ?? "the credentials' account";
  return `${group.stacks.join(', ')} → ${account}, ${group.region}${group.profile ? `, profile ${group.profile}` : ''}`;
}

type DriftOutcome = 'none' | 'drifted' | 'failed';

/**
 * What one `cdk drift --fail` found. Its summary counts the drifted resources of all its stacks
 * and warns of any it could not check; without a summary (an error before it), it failed.
 */
export function driftOf({ status, output }: { status: number; output: string }): { outcome: DriftOutcome } {
  const count = /Number of resources with drift: (\d+)/.exec(output);
  if (count && Number(count[1]) > 0) return { outcome: 'drifted' };
  if (!count || /Failed to check drift/.test(output)) return { outcome: 'failed' };
  return { outcome: status === 0 ? 'none' : 'failed' };
}
