import { createInterface } from 'node:readline/promises';
import { bootstrapStatus, type Identity, type Target } from './account.js';
import { assemblyDir, cdk } from './cdk.js';
import type { DeployGroup } from './plan.js';

/** One `cdk` call of the plan, with the credentials it runs with and whose they are. */
export interface Checked {
  readonly group: DeployGroup;
  readonly target: Target;
  readonly identity: Identity;
}

/**
 * Checks every account and region before anything deploys, so that a run never stops at a
 * later one after an earlier one has deployed; then bootstraps those that need it, all with
 * one question (`--yes`: without asking).
 */
export async function bootstrapAll(checked: readonly Checked[], yes: boolean, project: string) {
  const seen = new Set<string>();
  const missing: { environment: string; group: DeployGroup; status?: string }[] = [];
  for (const { group, target, identity } of checked) {
    const environment = `aws://${identity.account}/${target.region ?? process.env.AWS_REGION ?? 'us-east-1'}`;
    if (seen.has(environment)) continue;
    seen.add(environment);
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
  for (const { environment, group } of missing) cdk(['bootstrap', environment, '--app', assemblyDir, ...profileFlag(group)], project);
}

export function profileFlag(group: DeployGroup): string[] {
  return group.profile ? ['--profile', group.profile] : [];
}

async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) return false;
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await readline.question(`${question} [y/N] `);
  readline.close();
  return /^y(es)?$/i.test(answer.trim());
}
