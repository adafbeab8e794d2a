import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { deployedByItsOwnCommandTag } from '../deploy/app-metadata.js';

/**
 * The stack metadata (`stack.node.addMetadata(ciRolesMetadata, table)`) in which a CI stack
 * records which role a GitHub Actions job assumes for each stage: `{ [stage]: Credentials[] }`,
 * `*` for any stage the app does not list (a pull request's preview), and `{ error }` for a
 * stage whose role the app cannot name yet (no account pinned), said when that stage asks.
 */
export const ciRolesMetadata = 'serverless-pattern:ci-roles';

/** The tag value of the stacks `ci-bootstrap` deploys (and `deploy`/`destroy` never do). */
export const ciBootstrapOnly = 'ci-bootstrap-only';

/** One role a job assumes: `default`, or one per service account, each into its profile. */
export interface CiCredentials {
  readonly name: string;
  readonly roleArn: string;
  readonly region: string;
  readonly profile?: string;
}

/** The stacks tagged `serverless-pattern:deploy` = `ci-bootstrap-only`. */
export function ciStacks(assembly: CloudAssembly): CloudFormationStackArtifact[] {
  return assembly.stacksRecursively.filter((stack) => stack.tags[deployedByItsOwnCommandTag] === ciBootstrapOnly);
}

/** The roles a job assumes for `stage`, from the CI stacks' metadata; throws a one-line reason when there are none. */
export function ciCredentialsFor(assembly: CloudAssembly, stage: string): CiCredentials[] {
  const tables = ciStacks(assembly).flatMap((stack) => stack.findMetadataByType(ciRolesMetadata).map((entry) => ({ stack, table: entry.data as unknown })));
  if (tables.length === 0) throw new Error(`No stack of the app records its CI roles (${ciRolesMetadata} on a stack tagged ${deployedByItsOwnCommandTag}=${ciBootstrapOnly})`);
  // Every CI stack records the same table (the roles have the same names in every account).
  const { stack, table } = tables[0]!;
  if (typeof table !== 'object' || table === null) throw new Error(`${stack.stackName}: ${ciRolesMetadata} must be an object of stages, not ${JSON.stringify(table)}`);
  const entries = table as Record<string, unknown>;
  const found = Object.hasOwn(entries, stage) ? entries[stage] : entries['*'];
  if (found === undefined) throw new Error(`${stack.stackName} records no CI role for stage ${stage} (${ciRolesMetadata})`);
  if (!Array.isArray(found)) {
    const { error } = found as { error?: unknown };
    throw new Error(typeof error === 'string' ? error : `${stack.stackName}: ${ciRolesMetadata}.${stage} must be a list of roles, not ${JSON.stringify(found)}`);
  }
  return found.map((entry: unknown) => credentials(stack, stage, entry));
}

function credentials(stack: CloudFormationStackArtifact, stage: string, entry: unknown): CiCredentials {
  const { name, roleArn, region, profile } = (entry ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || typeof roleArn !== 'string' || typeof region !== 'string' || (profile !== undefined && profile !== null && typeof profile !== 'string')) {
    throw new Error(`${stack.stackName}: each role of ${ciRolesMetadata}.${stage} must be { name, roleArn, region, profile? }, not ${JSON.stringify(entry)}`);
  }
  return { name, roleArn, region, ...(typeof profile === 'string' && profile !== '' && { profile }) };
}

/**
 * What a workflow's next steps read (`steps.role.outputs.role`): `role`, `region`, `profile`
 * for one account, `<service>-role`, ... for one account per service.
 */
export function outputLines(credentials: readonly CiCredentials[]): string[] {
  return credentials.flatMap(({ name, roleArn, region, profile }) => {
    const key = (field: string) => (name === 'default' ? field : `${name}-${field}`);
    return [`${key('role')}=${roleArn}`, `${key('region')}=${region}`, `${key('profile')}=${profile ?? ''}`];
  });
}
