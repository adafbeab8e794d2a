import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/**
 * What deploy, diff and destroy read from a CDK app beyond its stacks, environments and
 * dependencies: construct metadata on its stacks (`stack.node.addMetadata(key, value)`) and
 * one stack tag, all of it in the cloud assembly `cdk synth` writes. Every key is optional;
 * an app that sets none deploys with `--profile` (else AWS_PROFILE) and names no stage. The
 * toolkit's README ("Deploy, diff, destroy") documents the same table for app authors.
 */
export const metadataKeys = {
  /** On every stack of a stage: `{ name: string, listed?: boolean, profile?: string }`. */
  stage: 'serverless-pattern:stage',
  /** On a stack that always deploys with one AWS CLI profile (an account of its own): the profile's name. */
  profile: 'serverless-pattern:profile',
} as const;

/**
 * The tag (value `true`) of a stack that every stage deployed to its account and region
 * shares (API Gateway's account-wide settings): no stage's `destroy` deletes it.
 */
export const sharedByStagesTag = 'shared-by-stages';

/**
 * A stack tag whose stack neither `deploy` nor `destroy` touches: a command of its own deploys
 * it once (the CI roles' stack, `serverless-pattern:deploy` = `ci-bootstrap-only`). Its
 * placeholders are not the deploy's to refuse either.
 */
export const deployedByItsOwnCommandTag = 'serverless-pattern:deploy';

/** The stage the assembly was synthesized for, as the app describes it. */
export interface StageMetadata {
  readonly name: string;
  /** False for a stage the app does not list, which takes the settings it gives any other stage. */
  readonly listed: boolean;
  /** The profile the stage deploys with when `--profile` is not given. */
  readonly profile?: string;
}

/** The stage the app says its stacks belong to; undefined for an app that says nothing about stages. */
export function stageOf(assembly: CloudAssembly): StageMetadata | undefined {
  const described = assembly.stacksRecursively.flatMap((stack) => ownMetadata(stack, metadataKeys.stage).map((data) => ({ stack, stage: stageFrom(stack, data) })));
  const [first] = described;
  const other = described.find(({ stage }) => stage.name !== first?.stage.name);
  if (first && other) throw new Error(`The app's stacks name two stages (${metadataKeys.stage}): ${first.stack.stackName} ${first.stage.name}, ${other.stack.stackName} ${other.stage.name}`);
  return first?.stage;
}

/** The profile `stack` always deploys with, if the app names one. */
export function stackProfile(stack: CloudFormationStackArtifact): string | undefined {
  const [data] = ownMetadata(stack, metadataKeys.profile);
  if (data === undefined) return undefined;
  if (typeof data !== 'string' || data === '') throw new Error(`${stack.stackName}: ${metadataKeys.profile} must be a profile name, not ${JSON.stringify(data)}`);
  return data;
}

export function isSharedByStages(stack: CloudFormationStackArtifact): boolean {
  return stack.tags[sharedByStagesTag] === 'true';
}

/** The values of `type` in the stack's metadata (`stack.node.addMetadata(type, value)`). */
function ownMetadata(stack: CloudFormationStackArtifact, type: string): unknown[] {
  return stack.findMetadataByType(type).map((entry) => entry.data);
}

function stageFrom(stack: CloudFormationStackArtifact, data: unknown): StageMetadata {
  const { name, listed = true, profile } = (data ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || name === '' || typeof listed !== 'boolean' || (profile !== undefined && typeof profile !== 'string')) {
    throw new Error(`${stack.stackName}: ${metadataKeys.stage} must be { name: string, listed?: boolean, profile?: string }, not ${JSON.stringify(data)}`);
  }
  return { name, listed, ...(profile !== undefined && { profile }) };
}

export function isDeployedByItsOwnCommand(stack: CloudFormationStackArtifact): boolean {
  return stack.tags[deployedByItsOwnCommandTag] !== undefined;
}
