/**
 * Which role a GitHub Actions job assumes to deploy a stage:
 *
 *   serverless-pattern ci-role <stage>        (pr-<number>: a pull request's preview)
 *
 * Synthesizes the app for that stage (no AWS call: a job has no credentials yet) and reads
 * the roles its CI stacks record (`serverless-pattern:ci-roles`). Writes them to
 * $GITHUB_OUTPUT for the job's next steps, and prints them.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { assemblyDir, cdk } from '../deploy/cdk.js';
import { ciCredentialsFor, outputLines } from './ci-roles.js';

const usage = 'serverless-pattern ci-role <stage>';

export async function ciRole(args: readonly string[], project = process.cwd()): Promise<number> {
  // pnpm passes a `--` on to the script (npm and yarn drop it): it separates nothing here.
  const positionals = args.filter((arg) => arg !== '--');
  const [stage] = positionals;
  if (positionals.length !== 1 || stage === undefined || stage.startsWith('-')) {
    console.error(`error: name one stage: usage: ${usage}`);
    return 2;
  }
  try {
    cdk(['synth', '--quiet', '--context', `stage=${stage}`], project);
    const lines = outputLines(ciCredentialsFor(new CloudAssembly(join(project, assemblyDir)), stage));
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    console.error(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return 1;
  }
}
