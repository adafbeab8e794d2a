/**
 * Which role a GitHub Actions job assumes to deploy a stage:
 *
 *   serverless-pattern ci-role <stage>        (pr-<number>: a pull request's preview)
 *
 * Synthesizes the app for that stage (no AWS call: a job has no credentials yet) and reads
 * the roles its CI stacks record (`serverless-pattern:ci-roles`). Writes them to
 * $GITHUB_OUTPUT for the job's next steps, and prints them. The app is built in this process
 * with no function bundled (the roles need none), as `dev` builds it; an app the toolkit
 * cannot load that way is synthesized by `cdk synth`.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { assemblyDir, cdk } from '../deploy/cdk.js';
import { AppLoadError, loadCdkApp } from '../local/load-app.js';
import { type CiCredentials, ciCredentialsFor, outputLines } from './ci-roles.js';

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
    const lines = outputLines(await credentialsOf(stage, project));
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    console.error(`error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    return 1;
  }
}

async function credentialsOf(stage: string, project: string): Promise<CiCredentials[]> {
  let app;
  try {
    ({ app } = await loadCdkApp(project, { stage }));
  } catch (error) {
    if (!(error instanceof AppLoadError)) throw error;
    cdk(['synth', '--quiet', '--context', `stage=${stage}`], project);
    return ciCredentialsFor(new CloudAssembly(join(project, assemblyDir)), stage);
  }
  try {
    // Into the folder the App was made with, which loadCdkApp removed; the project's aws-cdk-lib's classes.
    mkdirSync(app.outdir, { recursive: true });
    return ciCredentialsFor(app.synth() as unknown as CloudAssembly, stage);
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}
