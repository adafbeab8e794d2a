/**
 * Deploys the roles GitHub Actions deploys with, once per account (as `sam pipeline
 * bootstrap` does):
 *
 *   serverless-pattern ci-bootstrap [--repo owner/name] [--profile name] [--yes]
 *
 * Only the stacks tagged `serverless-pattern:deploy` = `ci-bootstrap-only`, which `deploy`
 * and `destroy` never touch (a workflow must not be able to widen its own role), each with
 * its account's profile, after the checks `deploy` makes: whose credentials, for which
 * account, bootstrapped. `--repo` reaches the app as the context value
 * `serverless-pattern:ci-repository`: the repository the roles trust.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { UsageError } from '../deploy/arguments.js';
import { bootstrapAll, profileFlag } from '../deploy/bootstrap.js';
import { assemblyDir, cdk } from '../deploy/cdk.js';
import { checkCredentials, describeGroup } from '../deploy/command.js';
import { placeholderError, placeholdersIn } from '../deploy/placeholders.js';
import { ownCommandPlan } from '../deploy/plan.js';
import { ciBootstrapOnly, ciStacks } from './ci-roles.js';

export const repositoryContext = 'serverless-pattern:ci-repository';

const usage = 'serverless-pattern ci-bootstrap [--repo owner/name] [--profile name] [--yes]';

/** GitHub's `owner/name`: an owner of letters, digits and hyphens; a name that may add `.` and `_`. */
const repositoryPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

interface CiBootstrapArguments {
  readonly repo?: string;
  readonly profile?: string;
  readonly yes: boolean;
}

export async function ciBootstrap(args: readonly string[], project = process.cwd()): Promise<number> {
  try {
    await run(parse(args), project);
    return 0;
  } catch (error) {
    console.error(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

function parse(args: readonly string[]): CiBootstrapArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { repo: { type: 'string' }, profile: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false } },
    }));
  } catch (error) {
    throw new UsageError(`${(error instanceof Error ? error.message : String(error)).split('. ')[0]!.replace(/\.$/, '')}: usage: ${usage}`);
  }
  if (values.repo !== undefined && !repositoryPattern.test(values.repo)) {
    throw new UsageError(`--repo must be a GitHub repository as owner/name (e.g. octo-org/my-app), not ${JSON.stringify(values.repo)}`);
  }
  if (values.profile === '') throw new UsageError(`--profile needs a name: usage: ${usage}`);
  return { repo: values.repo, profile: values.profile, yes: values.yes };
}

async function run(options: CiBootstrapArguments, project: string) {
  cdk(['synth', '--quiet', ...(options.repo ? ['--context', `${repositoryContext}=${options.repo}`] : [])], project);
  const assembly = new CloudAssembly(join(project, assemblyDir));
  const stacks = ciStacks(assembly);
  if (stacks.length === 0) throw new Error(`The app has no stack tagged serverless-pattern:deploy=${ciBootstrapOnly}: nothing to bootstrap`);

  // A role trusting a placeholder repository would trust no workflow: refuse it by name.
  const refused = placeholderError(placeholdersIn(stacks));
  if (refused) {
    if (options.repo) throw new Error(refused);
    throw new UsageError(`${refused}, or pass --repo <owner/name>`);
  }

  const groups = ownCommandPlan(assembly, stacks, { profile: options.profile ?? process.env.AWS_PROFILE });
  console.log('ci-bootstrap plan:');
  for (const group of groups) console.log(`  ${describeGroup(group)}`);
  const checked = await checkCredentials(groups);
  await bootstrapAll(checked, options.yes, project);

  for (const { group, identity } of checked) {
    const outputsFile = `${assemblyDir}/outputs-ci-${identity.account}-${group.region}.json`.replaceAll(' ', '-');
    // New roles are a security change: the CLI shows them and asks, unless --yes.
    cdk(['deploy', ...group.stacks, '--exclusively', '--app', assemblyDir, ...profileFlag(group), '--require-approval', options.yes ? 'never' : 'broadening', '--outputs-file', outputsFile], project);
    const outputs = JSON.parse(readFileSync(join(project, outputsFile), 'utf8')) as Record<string, Record<string, string>>;
    for (const [stack, values] of Object.entries(outputs)) for (const [key, value] of Object.entries(values)) console.log(`  ${stack}.${key} = ${value}`);
  }
}
