/**
 * Whether a deployed stage still matches its templates (CloudFormation drift detection):
 *
 *   npm run drift [-- --stage <name>] [--profile <name>]
 *
 * Synthesizes the stage, then runs `cdk drift --fail` on the stacks `deploy` deploys (each
 * account's with its profile), so it exits 1 when anything was changed outside the app.
 * `.github/workflows/drift.yml` runs it on a schedule.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { config } from '../infra/config.js';
import { stackProfiles } from '../infra/define-app.js';
import { deployPlan } from '../infra/deploy-plan.js';
import { stageNamed } from '../infra/stage.js';

const { values } = parseArgs({
  // pnpm passes a `--` on to the script (npm and yarn drop it).
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { stage: { type: 'string' }, profile: { type: 'string' } },
});
const stage = stageNamed(values.stage ?? config.defaultStage);

cdk(['synth', '--quiet', '--context', `stage=${stage.name}`]);
const groups = deployPlan(new CloudAssembly('cdk.out'), { profile: values.profile ?? stage.profile ?? process.env.AWS_PROFILE, profiles: stackProfiles(stage) });
let drifted = false;
for (const group of groups) {
  drifted = !cdk(['drift', ...group.stacks, '--app', 'cdk.out', '--fail', ...(group.profile ? ['--profile', group.profile] : [])]) || drifted;
}
process.exit(drifted ? 1 : 0);

/** Runs the project's own CDK CLI; whether it succeeded. */
function cdk(args: string[]): boolean {
  console.log(`$ cdk ${args.join(' ')}`);
  const { status, error } = spawnSync('cdk', args, { stdio: 'inherit' });
  if (error) throw error;
  return status === 0;
}
