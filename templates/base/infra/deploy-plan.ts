import { type App, Stack, Token } from 'aws-cdk-lib';

/** One `cdk deploy` call: stacks that share an account, a region and a profile, in order. */
export interface DeployGroup {
  readonly stacks: readonly string[];
  readonly region: string;
  /** Undefined when the account is left to the credentials in use. */
  readonly account?: string;
  readonly profile?: string;
}

export interface DeployPlanOptions {
  /** The profile for stacks that do not name their own (`--profile`, else AWS_PROFILE). */
  readonly profile?: string;
  /** Per-stack profiles, e.g. one per service account. */
  readonly profiles?: Readonly<Record<string, string>>;
  /** Deploy only these stacks (by stack name or by the service suffix), plus what they need. */
  readonly only?: readonly string[];
}

/**
 * The order to deploy the app's stacks in, derived from the app itself: every stack after
 * the stacks it depends on (so us-east-1 certificates and edge functions come before the
 * site that uses them), grouped into as few `cdk deploy` calls as accounts, regions and
 * profiles allow.
 */
export function deployPlan(app: App, options: DeployPlanOptions = {}): DeployGroup[] {
  const all = app.node.children.filter(Stack.isStack);
  const wanted = options.only?.length ? withDependencies(all.filter((stack) => options.only!.some((name) => matches(stack, name)))) : all;
  if (options.only?.length) {
    const unknown = options.only.filter((name) => !all.some((stack) => matches(stack, name)));
    if (unknown.length) throw new Error(`No stack named ${unknown.join(', ')}; stacks: ${all.map((s) => s.stackName).join(', ')}`);
  }

  const groups: { stacks: string[]; region: string; account?: string; profile?: string }[] = [];
  for (const stack of topologicalOrder(wanted)) {
    const region = Token.isUnresolved(stack.region) ? 'the default region' : stack.region;
    const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    const profile = options.profiles?.[stack.stackName] ?? options.profile;
    const last = groups.at(-1);
    if (last && last.region === region && last.account === account && last.profile === profile) last.stacks.push(stack.stackName);
    else groups.push({ stacks: [stack.stackName], region, account, profile });
  }
  return groups;
}

function matches(stack: Stack, name: string): boolean {
  return stack.stackName === name || stack.stackName.endsWith(`-${name}`);
}

function withDependencies(stacks: Stack[]): Stack[] {
  const found = new Set<Stack>();
  const visit = (stack: Stack) => {
    if (found.has(stack)) return;
    found.add(stack);
    stack.dependencies.forEach(visit);
  };
  stacks.forEach(visit);
  return [...found];
}

/** Dependencies first; among independent stacks, the order the app defined them. */
function topologicalOrder(stacks: Stack[]): Stack[] {
  const ordered: Stack[] = [];
  const visit = (stack: Stack, path: Stack[]) => {
    if (ordered.includes(stack)) return;
    if (path.includes(stack)) throw new Error(`Stacks depend on each other in a cycle: ${[...path, stack].map((s) => s.stackName).join(' → ')}`);
    for (const dependency of stack.dependencies) if (stacks.includes(dependency)) visit(dependency, [...path, stack]);
    ordered.push(stack);
  };
  for (const stack of stacks) visit(stack, []);
  return ordered;
}
