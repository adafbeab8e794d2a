/**
 * Deploys, diffs or destroys the app in the right order with the right credentials:
 *
 *   npm run deploy [-- <service>...] [--stage <name>] [--profile <name>] [--yes]
 *   npm run diff | npm run destroy      (same options)
 *
 * It synthesizes the app once (`cdk synth`), plans from that cloud assembly, and has every
 * `cdk` call work on it. Before deploying anything it checks who the credentials belong to,
 * that they are for the account the config pins (if any), and that every account and region
 * is bootstrapped. `destroy` says what it keeps, and how to delete each. `--stage` picks the
 * stage (infra/config.ts, `stages`): a separate copy of the app with names of its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { config } from '../infra/config.js';
import { stackProfiles } from '../infra/define-app.js';
import { type DeployGroup, defaultRegion, deployPlan, destroyPlan, sharedByStages } from '../infra/deploy-plan.js';
import { type KeptResource, keptResources, type Where } from '../infra/kept-resources.js';
import { bootstrapStatus, type Identity, stackResources, type Target, whoAmI } from './aws-account.js';
import { isListed, stageNamed } from '../infra/stage.js';

const commands = ['deploy', 'diff', 'destroy'] as const;
type Command = (typeof commands)[number];

/** Where `cdk synth` writes the cloud assembly, and where every later `cdk` call reads it. */
const assemblyDir = 'cdk.out';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    // pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: { stage: { type: 'string' }, profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } },
  });
  const [command, ...only] = positionals as [Command, ...string[]];
  if (!commands.includes(command)) throw new Error(`Usage: deploy.ts <${commands.join('|')}> [stack...] [--stage name] [--profile name] [--yes]`);
  const stage = stageNamed(values.stage ?? config.defaultStage);

  cdk(['synth', '--quiet', '--context', `stage=${stage.name}`]);
  const assembly = new CloudAssembly(assemblyDir);
  const planOptions = { profile: values.profile ?? stage.profile ?? process.env.AWS_PROFILE, profiles: stackProfiles(stage), only };
  console.log(`Stage ${stage.name}${isListed(stage.name) ? '' : " (not in infra/config.ts: dev's settings)"}`);
  const groups = command === 'destroy' ? destroyPlan(assembly, planOptions) : deployPlan(assembly, planOptions);

  console.log(`${command} plan:`);
  for (const group of groups) console.log(`  ${describe(group)}`);
  const kept = command === 'destroy' ? keptResources(assembly.stacksRecursively.filter((stack) => groups.some((group) => group.stacks.includes(stack.stackName)))) : [];
  if (kept.length > 0) {
    console.log('It keeps (see "Costs and clean-up" in the README):');
    for (const resource of kept) console.log(`  ${resource.what}${resource.note ? ` (${resource.note})` : ''}`);
  }
  if (command === 'destroy' && only.length === 0) {
    for (const stack of sharedByStages(assembly)) {
      const region = stack.environment.region === 'unknown-region' ? '' : ` --region ${stack.environment.region}`;
      console.log(`It leaves ${stack.stackName}: API Gateway's logging role, which every stage in that account and region shares (not billed).`);
      console.log(`  Once no stage is left there: aws cloudformation delete-stack --stack-name ${stack.stackName}${region}`);
    }
  }

  // Who deploys where, for every group, before anything changes.
  const targets: { group: DeployGroup; target: Target; identity: Identity }[] = [];
  for (const group of groups) {
    const target = { profile: group.profile, region: group.region === defaultRegion ? undefined : group.region };
    const identity = await whoAmI(target);
    if (group.account && identity.account !== group.account) {
      throw new Error(`The credentials are for account ${identity.account}, but ${group.stacks.join(', ')} deploy to ${group.account}: use that account's profile (--profile)`);
    }
    console.log(`  ${group.stacks.join(', ')}: as ${identity.arn}`);
    targets.push({ group, target, identity });
  }

  if (command === 'deploy') {
    // Values the user has to fill in (a hosted zone id) would fail half-way through a deploy: stop now.
    // Not `ci.repository` (REPLACE_WITH_OWNER/REPOSITORY): only the CI stack reads it, which `deploy` never deploys.
    const placeholders = readFileSync('infra/config.ts', 'utf8').match(/REPLACE_WITH_(?!OWNER\/)\w+/g);
    if (placeholders) {
      throw new Error(`infra/config.ts still has ${[...new Set(placeholders)].join(', ')}: fill in the real value${placeholders.length > 1 ? 's' : ''} first`);
    }
    await bootstrapAll(targets, values.yes);
  }

  // The physical names of what destroy keeps, read before the stacks (and their records) are gone.
  const keptIds: Found[] = command === 'destroy' ? await physicalIds(targets, kept) : [];

  const outputs: Record<string, unknown> = {};
  try {
    for (const { group, identity } of targets) {
      const outputsFile = `${assemblyDir}/outputs-${identity.account}-${group.region}.json`.replaceAll(' ', '-');
      cdk([
        command,
        ...group.stacks,
        '--exclusively',
        '--app',
        assemblyDir,
        ...profileFlag(group),
        ...(command === 'deploy' ? ['--require-approval', values.yes ? 'never' : 'broadening', '--outputs-file', outputsFile] : []),
        ...(command === 'destroy' && values.yes ? ['--force'] : []),
      ]);
      if (command === 'deploy') Object.assign(outputs, JSON.parse(readFileSync(outputsFile, 'utf8')));
    }
  } finally {
    // Also after a failed destroy: the stacks it did delete left these behind.
    if (keptIds.length > 0) await reportKept(targets, keptIds);
  }

  if (command === 'deploy') {
    writeFileSync(`${assemblyDir}/outputs.json`, `${JSON.stringify(outputs, null, 2)}\n`);
    console.log(`\nOutputs (also in ${assemblyDir}/outputs.json):`);
    for (const [stack, values] of Object.entries(outputs)) {
      for (const [key, value] of Object.entries(values as Record<string, string>)) console.log(`  ${stack}.${key} = ${value}`);
    }
  }
  return 0;
}

/**
 * Checks every account and region before anything deploys, so that a run never stops at a
 * later one after an earlier one has deployed; then bootstraps those that need it, all with
 * one question (`--yes`: without asking).
 */
async function bootstrapAll(targets: readonly { group: DeployGroup; target: Target; identity: Identity }[], yes: boolean) {
  const checked = new Set<string>();
  const missing: { environment: string; group: DeployGroup; status?: string }[] = [];
  for (const { group, target, identity } of targets) {
    const environment = `aws://${identity.account}/${target.region ?? process.env.AWS_REGION ?? 'us-east-1'}`;
    if (checked.has(environment)) continue;
    checked.add(environment);
    const { ready, status } = await bootstrapStatus(target);
    if (!ready) missing.push({ environment, group, status });
  }
  if (missing.length === 0) return;

  console.log('Not ready for the CDK:');
  for (const { environment, status } of missing) console.log(`  ${environment}: ${status ? `its CDKToolkit stack is ${status}` : 'not bootstrapped'}`);
  if (!(await confirm(`Run \`cdk bootstrap\` for ${missing.length > 1 ? 'these' : 'it'} now?`, yes))) {
    const run = missing.map(({ environment, group }) => `npx cdk bootstrap ${environment}${profileFlag(group).map((f) => ` ${f}`).join('')}`);
    throw new Error(`Not bootstrapped for the CDK: run ${run.map((c) => `\`${c}\``).join(', ')} first`);
  }
  // On the assembly already synthesized: without `--app`, `cdk bootstrap` would run the app
  // again, without bundling and without the stage, and overwrite cdk.out with that.
  for (const { environment, group } of missing) cdk(['bootstrap', environment, '--app', assemblyDir, ...profileFlag(group)]);
}

/** A resource destroy keeps, by its physical id, and where it lives. */
interface Found {
  readonly resource: KeptResource;
  readonly id: string;
  readonly where: Where;
}

/** The physical id of each kept resource that exists. */
async function physicalIds(targets: readonly { group: DeployGroup; target: Target }[], kept: readonly KeptResource[]): Promise<Found[]> {
  const found: Found[] = [];
  for (const { group, target } of targets) {
    const where = { region: target.region, profile: group.profile };
    for (const stack of group.stacks) {
      const ids = await stackResources(target, stack);
      for (const resource of kept.filter((candidate) => candidate.stack === stack)) {
        const id = ids.get(resource.logicalId);
        if (id) found.push({ resource, id, where });
      }
    }
  }
  return found;
}

/** Prints what the deleted stacks kept, each with the command that deletes it. */
async function reportKept(targets: readonly { group: DeployGroup; target: Target }[], keptIds: readonly Found[]) {
  const gone = new Set<string>();
  for (const { group, target } of targets) {
    for (const stack of group.stacks) if ((await stackResources(target, stack).catch(() => undefined))?.size === 0) gone.add(stack);
  }
  const kept = keptIds.filter(({ resource }) => gone.has(resource.stack));
  if (kept.length === 0) return;
  console.log('\nKept (delete each when you no longer need it):');
  for (const { resource, id, where } of kept) console.log(`  ${resource.what}${resource.note ? ` (${resource.note})` : ''}\n    ${resource.command(id, where)}`);
}

function describe(group: DeployGroup): string {
  const account = group.account ?? 'the credentials\' account';
  return `${group.stacks.join(', ')} → ${account}, ${group.region}${group.profile ? `, profile ${group.profile}` : ''}`;
}

function profileFlag(group: DeployGroup): string[] {
  return group.profile ? ['--profile', group.profile] : [];
}

/** Runs the project's own CDK CLI (npm scripts put node_modules/.bin first on PATH). */
function cdk(args: string[]) {
  console.log(`$ cdk ${args.join(' ')}`);
  const { status, error } = spawnSync('cdk', args, { stdio: 'inherit' });
  if (error || status !== 0) throw new Error(`cdk ${args[0]} failed${error ? `: ${error.message}` : ` with exit code ${status}`}`);
}

async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) return false;
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await readline.question(`${question} [y/N] `);
  readline.close();
  return /^y(es)?$/i.test(answer.trim());
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
