import type { App, Stack } from 'aws-cdk-lib';
import { config } from './config.js';
import { type CiRole, CiStack } from './stacks/ci-stack.js';
import { stageNamed } from './stage.js';

export type { CiRole };

/**
 * Who may deploy what from GitHub Actions: the roles of the CI stacks, where they go, and
 * which one a workflow job assumes for a stage.
 */

/** The role every pull request's preview (`pr-<number>`, with dev's settings) deploys and destroys with. */
export const previewRoleKey = 'pull-requests';

const maxRoleNameLength = 64;

/** `<app>-ci-<stage>`, the app's name cut (never the stage's) to fit IAM's 64 characters. */
export function ciRoleName(key: string): string {
  const suffix = `-ci-${key}`;
  return `${config.appName.slice(0, maxRoleNameLength - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * The context value `serverless-pattern ci-bootstrap --repo <owner/name>` passes: the
 * repository whose workflows the roles trust, when it is not (yet) `ci.repository`.
 */
export const repositoryContext = 'serverless-pattern:ci-repository';

/** The repository the roles trust: `--repo` of `ci-bootstrap`, else `ci.repository` of infra/config.ts. */
export function ciRepository(app?: App): string {
  const given: unknown = app?.node.tryGetContext(repositoryContext);
  return typeof given === 'string' && given !== '' ? given : config.ci.repository;
}

/** The roles of the stages listed in infra/config.ts, and the previews' role. */
export function ciRoles(repository = config.ci.repository): CiRole[] {
  const stageRoles = Object.keys(config.stages).map((stage) => ({
    key: stage,
    roleName: ciRoleName(stage),
    subject: `repo:${repository}:environment:${stage}`,
    deploys: `stage ${stage}`,
  }));
  const previews = { key: previewRoleKey, roleName: ciRoleName(previewRoleKey), subject: `repo:${repository}:pull_request`, deploys: 'the previews of pull requests' };
  return [...stageRoles, previews];
}

/** The account a role deploys to, as far as infra/config.ts says: previews deploy with dev's settings. */
function accountOf(role: CiRole): string | undefined {
  return stageNamed(role.key === previewRoleKey ? 'dev' : role.key).env.account;
}

/** One account the app deploys to, and the roles it holds: one CI stack each. */
export interface CiEnvironment {
  /** Undefined: the account of the credentials it is deployed with. */
  readonly account?: string;
  readonly region: string;
  readonly roles: readonly CiRole[];
}

/**
 * Where the roles go: into every account a stage deploys to. With `serviceTargets` (one
 * account per service) every stage deploys into each service's account, so each of those
 * holds every role; otherwise each stage's role is in that stage's account.
 */
export function ciEnvironments(repository = config.ci.repository): CiEnvironment[] {
  const roles = ciRoles(repository);
  const targets = Object.values(config.serviceTargets ?? {});
  if (targets.length > 0) {
    const accounts = [...new Set(targets.map((target) => target.account))];
    return accounts.map((account) => ({ account, region: targets.find((target) => target.account === account)!.region, roles }));
  }
  const accounts = [...new Set(roles.map(accountOf))];
  return accounts.map((account) => ({ account, region: config.env.region, roles: roles.filter((role) => accountOf(role) === account) }));
}

/** The CI stack of one account: `<app>-ci`, and `<app>-ci-<account>` when the app deploys to several. */
export function ciStackName(environment: CiEnvironment, all: readonly CiEnvironment[]): string {
  return all.length > 1 ? `${config.appName}-ci-${environment.account ?? 'default'}` : `${config.appName}-ci`;
}

/**
 * What the toolkit reads from each CI stack (its README, "CI"): `ci-roles`, the roles a
 * workflow job assumes for each stage (`serverless-pattern ci-role <stage>`); `profile`, the
 * profile `ci-bootstrap` deploys the stack with when its account has one of its own.
 */
export const ciMetadata = { roles: 'serverless-pattern:ci-roles', profile: 'serverless-pattern:profile' } as const;

/**
 * Adds the CI stacks to the app, whatever the stage synthesized: they hold the roles of every
 * stage. `deploy` leaves them out (CiStack's tag); `ci-bootstrap` deploys them, once per account.
 */
export function addCiStacks(app: App): CiStack[] {
  const environments = ciEnvironments(ciRepository(app));
  const roleTable = ciRoleTable();
  return environments.map((environment) => {
    const stack = new CiStack(app, ciStackName(environment, environments), {
      env: { account: environment.account, region: environment.region },
      roles: environment.roles,
      existingOidcProvider: config.ci.existingOidcProvider,
      description: `${config.appName}: the roles GitHub Actions deploys with (${environment.roles.map((role) => role.key).join(', ')}), in ${environment.account ?? 'the bootstrapped account'}`,
    });
    describeForToolkit(stack, environment, roleTable);
    return stack;
  });
}

function describeForToolkit(stack: Stack, environment: CiEnvironment, roleTable: CiRoleTable) {
  stack.node.addMetadata(ciMetadata.roles, roleTable);
  // The profile deploy uses for that account: a service's (one account per service), else a stage's.
  const profiles = [
    ...Object.values(config.serviceTargets ?? {}).map((target) => ({ account: target.account, profile: target.profile })),
    ...Object.values(config.stages).map((stage) => ({ account: stage.account ?? config.env.account, profile: stage.profile })),
  ];
  const profile = profiles.find((candidate) => candidate.account === environment.account && candidate.profile)?.profile;
  if (profile) stack.node.addMetadata(ciMetadata.profile, profile);
}

/**
 * The roles of every stage, by stage (`*`: any stage infra/config.ts does not list, i.e. the
 * previews); for a stage whose role cannot be known yet, why not, so that `ci-role` says it
 * while synth still succeeds.
 */
export type CiRoleTable = Record<string, readonly CiCredentials[] | { readonly error: string }>;

export function ciRoleTable(): CiRoleTable {
  const keys = [...Object.keys(config.stages), previewRoleKey];
  return Object.fromEntries(
    keys.map((key) => {
      try {
        return [key === previewRoleKey ? '*' : key, ciCredentials(key)];
      } catch (error) {
        return [key === previewRoleKey ? '*' : key, { error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
}

/** One role a workflow job assumes, and the AWS CLI profile it goes into (none: the job's environment variables). */
export interface CiCredentials {
  /** `default`, or the service whose account it is for (one account per service). */
  readonly name: string;
  readonly roleArn: string;
  readonly region: string;
  readonly profile?: string;
}

/**
 * The roles a workflow job deploys with for `key`, a stage infra/config.ts lists or the
 * previews' role (dev's settings): one, or with one account per service one per service's
 * account, each into the profile `deploy` uses for that service.
 */
function ciCredentials(key: string): CiCredentials[] {
  const settingsOf = key === previewRoleKey ? 'dev' : key;
  const stage = stageNamed(settingsOf);
  const role = ciRoleName(key);
  const targets = Object.entries(config.serviceTargets ?? {});
  if (targets.length > 0) {
    return targets.map(([service, target]) => {
      if (!target.profile) throw new Error(`infra/config.ts: serviceTargets.${service} has no profile; CI deploys each service's account with the profile deploy uses for it`);
      return { name: service, roleArn: roleArn(target.account, target.region, role), region: target.region, profile: target.profile };
    });
  }
  if (key !== previewRoleKey && stage.ciRole) return [{ name: 'default', roleArn: stage.ciRole, region: stage.env.region, profile: stage.profile }];
  const account = stage.env.account ?? accountIn(stage.ciRole);
  if (!account) {
    throw new Error(
      `infra/config.ts names no account for stage ${settingsOf}: set env.account (or the stage's account), or its ciRole to the CI stack's role ARN (an output of the CI stack)`,
    );
  }
  return [{ name: 'default', roleArn: roleArn(account, stage.env.region, role), region: stage.env.region, profile: stage.profile }];
}

function roleArn(account: string, region: string, roleName: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/** The account of a role's ARN. */
function accountIn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}
