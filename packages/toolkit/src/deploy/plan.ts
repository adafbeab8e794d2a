import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { isDeployedByItsOwnCommand, isSharedByStages, stackProfile } from './app-metadata.js';

/** One `cdk deploy` call: stacks that share an account, a region and a profile, in order. */
export interface DeployGroup {
  readonly stacks: readonly string[];
  readonly region: string;
  /** Undefined when the account is left to the credentials in use. */
  readonly account?: string;
  readonly profile?: string;
}

export interface DeployPlanOptions {
  /**
   * The profile for stacks that do not name their own (`--profile`, else the stage's, else
   * AWS_PROFILE); a stack names its own with the metadata `serverless-pattern:profile`.
   */
  readonly profile?: string;
  /** Deploy only these stacks (by stack name or by the service suffix), plus what they need. */
  readonly only?: readonly string[];
}

/** The region of stacks whose environment leaves it to the credentials. */
export const defaultRegion = 'the default region';

/**
 * The order to deploy the app's stacks in, read from the synthesized cloud assembly (`cdk
 * synth`'s cdk.out, or `app.synth()`): every stack after the stacks it depends on (so
 * us-east-1 certificates and edge functions come before the site that uses them), grouped
 * into as few `cdk deploy` calls as accounts, regions and profiles allow.
 *
 * It must be the assembly, not the constructs: the dependencies that references between
 * stacks create (a service reading the user pool's ARN from the auth stack) are only
 * recorded when the app is synthesized.
 */
export function deployPlan(assembly: CloudAssembly, options: DeployPlanOptions = {}): DeployGroup[] {
  const all = deployedStacks(assembly);
  const wanted = options.only?.length ? closure(named(all, options.only), (stack) => stackDependencies(stack, all)) : all;
  return grouped(topologicalOrder(wanted, all), options);
}

/**
 * The order to destroy the app's stacks in: the deploy order reversed. `only` names stacks to
 * destroy together with the stacks that depend on them (as `cdk destroy` does), never with
 * the stacks they depend on: destroying one service leaves the user pool alone. Stacks that
 * every stage shares (`sharedByStages`) are never destroyed with a stage.
 */
export function destroyPlan(assembly: CloudAssembly, options: DeployPlanOptions = {}): DeployGroup[] {
  const all = deployedStacks(assembly);
  const dependents = (stack: CloudFormationStackArtifact) => all.filter((other) => stackDependencies(other, all).includes(stack));
  const wanted = (options.only?.length ? closure(named(all, options.only), dependents) : all).filter((stack) => !isSharedByStages(stack));
  return grouped(topologicalOrder(wanted, all).reverse(), options);
}

/** The order to deploy `stacks` (those a command of their own deploys: the CI stacks) in, grouped as deploy groups them. */
export function ownCommandPlan(assembly: CloudAssembly, stacks: readonly CloudFormationStackArtifact[], options: DeployPlanOptions = {}): DeployGroup[] {
  return grouped(topologicalOrder([...stacks], assembly.stacksRecursively), options);
}

/** The stacks `deploy` and `destroy` work on: all but those a command of their own deploys (tagged `serverless-pattern:deploy`). */
export function deployedStacks(assembly: CloudAssembly): CloudFormationStackArtifact[] {
  return assembly.stacksRecursively.filter((stack) => !isDeployedByItsOwnCommand(stack));
}

/** The assembly's stacks that every stage in their account and region shares (tagged `shared-by-stages`). */
export function sharedByStages(assembly: CloudAssembly): CloudFormationStackArtifact[] {
  return assembly.stacksRecursively.filter(isSharedByStages);
}

/** Consecutive stacks that share an account, a region and a profile go into one `cdk` call. */
function grouped(stacks: readonly CloudFormationStackArtifact[], options: DeployPlanOptions): DeployGroup[] {
  const groups: { stacks: string[]; region: string; account?: string; profile?: string }[] = [];
  for (const stack of stacks) {
    const { account, region } = stack.environment;
    const target = {
      region: region === 'unknown-region' ? defaultRegion : region,
      account: account === 'unknown-account' ? undefined : account,
      profile: stackProfile(stack) ?? options.profile,
    };
    const last = groups.at(-1);
    if (last && last.region === target.region && last.account === target.account && last.profile === target.profile) last.stacks.push(stack.stackName);
    else groups.push({ stacks: [stack.stackName], ...target });
  }
  return groups;
}

/** The stacks `stack` depends on: deployed before it, destroyed after it. */
export function stackDependencies(stack: CloudFormationStackArtifact, all: readonly CloudFormationStackArtifact[]): CloudFormationStackArtifact[] {
  // An artifact's dependencies also name its asset manifests; only stacks are deployed.
  return all.filter((candidate) => stack.dependencies.some((dependency) => dependency.id === candidate.id));
}

/** The stacks `names` name, by stack name or by its last part (`items` for `app-items`). */
function named(all: readonly CloudFormationStackArtifact[], names: readonly string[]): CloudFormationStackArtifact[] {
  const matches = (stack: CloudFormationStackArtifact, name: string) => stack.stackName === name || stack.stackName.endsWith(`-${name}`);
  const unknown = names.filter((name) => !all.some((stack) => matches(stack, name)));
  if (unknown.length) throw new UnknownStackError(`No stack named ${unknown.join(', ')}; stacks: ${all.map((s) => s.stackName).join(', ')}`);
  return all.filter((stack) => names.some((name) => matches(stack, name)));
}

/** `stacks` and every stack reachable from them through `next`. */
function closure(stacks: CloudFormationStackArtifact[], next: (stack: CloudFormationStackArtifact) => CloudFormationStackArtifact[]): CloudFormationStackArtifact[] {
  const found = new Set<CloudFormationStackArtifact>();
  const visit = (stack: CloudFormationStackArtifact) => {
    if (found.has(stack)) return;
    found.add(stack);
    next(stack).forEach(visit);
  };
  stacks.forEach(visit);
  return [...found];
}

/** Dependencies first; among independent stacks, the assembly's order. */
function topologicalOrder(stacks: CloudFormationStackArtifact[], all: readonly CloudFormationStackArtifact[]): CloudFormationStackArtifact[] {
  const ordered: CloudFormationStackArtifact[] = [];
  const visit = (stack: CloudFormationStackArtifact, path: CloudFormationStackArtifact[]) => {
    if (ordered.includes(stack)) return;
    if (path.includes(stack)) throw new Error(`Stacks depend on each other in a cycle: ${[...path, stack].map((s) => s.stackName).join(' → ')}`);
    for (const dependency of stackDependencies(stack, all)) if (stacks.includes(dependency)) visit(dependency, [...path, stack]);
    ordered.push(stack);
  };
  for (const stack of stacks) visit(stack, []);
  return ordered;
}

/** A stack name the app does not have: bad input (exit 2), found once the app is synthesized. */
export class UnknownStackError extends Error {}
