/**
 * Which role a GitHub Actions job deploys a stage with, read from infra/config.ts:
 *
 *   npm run ci:role -- <stage>        (pr-<number>: a pull request's preview)
 *
 * Writes, for the workflow's next steps, `role`, `region` and `profile` (one account), or
 * `<service>-role`, `<service>-region` and `<service>-profile` (one account per service) to
 * $GITHUB_OUTPUT; prints them too.
 */
import { appendFileSync } from 'node:fs';
import { ciCredentials } from '../infra/ci.js';

const [stage] = process.argv.slice(2).filter((arg) => arg !== '--');
try {
  if (!stage) throw new Error('Usage: ci-role.ts <stage>');
  const lines = ciCredentials(stage).flatMap(({ name, roleArn, region, profile }) => {
    const key = (field: string) => (name === 'default' ? field : `${name}-${field}`);
    return [`${key('role')}=${roleArn}`, `${key('region')}=${region}`, `${key('profile')}=${profile ?? ''}`];
  });
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
