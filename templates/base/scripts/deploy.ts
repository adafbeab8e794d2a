/**
 * Deploys, diffs or destroys the app in the right order with the right credentials:
 *
 *   npm run deploy [-- <service>...] [--profile <name>] [--yes]
 *   npm run diff | npm run destroy      (same options)
 *
 * Before deploying anything it checks who the credentials belong to, that they are for the
 * account the config pins (if any), and that each account and region is bootstrapped.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { defineApp } from '../infra/define-app.js';
import { type DeployGroup, deployPlan } from '../infra/deploy-plan.js';
import { isBootstrapped, whoAmI } from './aws-account.js';

const commands = ['deploy', 'diff', 'destroy'] as const;
type Command = (typeof commands)[number];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } },
  });
  const [command, ...only] = positionals as [Command, ...string[]];
  if (!commands.includes(command)) throw new Error(`Usage: deploy.ts <${commands.join('|')}> [stack...] [--profile name] [--yes]`);

  // Reading the app's stacks needs no bundling; `cdk` bundles when it synthesizes for real.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const { profiles } = defineApp(app);
  const plan = deployPlan(app, { profile: values.profile ?? process.env.AWS_PROFILE, profiles, only });
  const groups = command === 'destroy' ? [...plan].reverse() : plan;

  console.log(`${command} plan:`);
  for (const group of groups) console.log(`  ${describe(group)}`);

  const outputs: Record<string, unknown> = {};
  mkdirSync('cdk.out', { recursive: true });
  for (const group of groups) {
    const target = { profile: group.profile, region: group.region === 'the default region' ? undefined : group.region };
    const identity = await whoAmI(target);
    if (group.account && identity.account !== group.account) {
      throw new Error(`The credentials are for account ${identity.account}, but ${group.stacks.join(', ')} deploy to ${group.account}: use that account's profile (--profile)`);
    }
    console.log(`\nAs ${identity.arn} in ${group.region}:`);

    if (command === 'deploy' && !(await isBootstrapped(target))) {
      const environment = `aws://${identity.account}/${target.region ?? process.env.AWS_REGION ?? 'us-east-1'}`;
      if (!(await confirm(`${environment} is not bootstrapped for the CDK. Run \`cdk bootstrap ${environment}\` now?`, values.yes))) {
        throw new Error(`${environment} is not bootstrapped: run \`npx cdk bootstrap ${environment}\`${profileFlag(group).join(' ')} first`);
      }
      cdk(['bootstrap', environment, ...profileFlag(group)]);
    }

    const outputsFile = `cdk.out/outputs-${identity.account}-${group.region}.json`.replaceAll(' ', '-');
    cdk([
      command,
      ...group.stacks,
      '--exclusively',
      ...profileFlag(group),
      ...(command === 'deploy' ? ['--require-approval', values.yes ? 'never' : 'broadening', '--outputs-file', outputsFile] : []),
      ...(command === 'destroy' && values.yes ? ['--force'] : []),
    ]);
    if (command === 'deploy') Object.assign(outputs, JSON.parse(readFileSync(outputsFile, 'utf8')));
  }

  if (command === 'deploy') {
    writeFileSync('cdk.out/outputs.json', `${JSON.stringify(outputs, null, 2)}\n`);
    console.log('\nOutputs (also in cdk.out/outputs.json):');
    for (const [stack, values] of Object.entries(outputs)) {
      for (const [key, value] of Object.entries(values as Record<string, string>)) console.log(`  ${stack}.${key} = ${value}`);
    }
  }
  return 0;
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
