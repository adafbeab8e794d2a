import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStacks, deployPlan, destroyPlan, sharedByStages } from '../../infra/deploy-plan.js';
import { deployOnlyByTag } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

// The plan is made from what `cdk synth` produces, as the deploy script makes it.
let assembly: CloudAssembly;
let stacks: CloudFormationStackArtifact[];
/** What deploy and destroy work on: every stack but those a command of their own deploys. */
let deployed: CloudFormationStackArtifact[];
beforeAll(() => {
  assembly = testApp().app.synth();
  stacks = assembly.stacksRecursively;
  deployed = deployedStacks(assembly);
});

const order = (groups: { stacks: readonly string[] }[]) => groups.flatMap((group) => group.stacks);

/**
 * The stacks a template reads values from, found in the template itself rather than in what
 * CDK recorded: `Fn::GetStackOutput` (weak references, cdk.json's default) and
 * `Fn::ImportValue` of a CDK export (`<stack>:ExportsOutput...`).
 */
function referencedStacks(stack: CloudFormationStackArtifact): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const output = (value as Record<string, { StackName?: unknown }>)['Fn::GetStackOutput'];
    if (typeof output?.StackName === 'string') found.add(output.StackName);
    const imported = (value as Record<string, unknown>)['Fn::ImportValue'];
    if (typeof imported === 'string' && imported.includes(':')) found.add(imported.split(':')[0]!);
    Object.values(value).forEach(visit);
  };
  visit(stack.template);
  found.delete(stack.stackName);
  return found;
}

/** What deploying `stack` alone needs: the stacks it reads from, and what they read from. */
function needs(stack: CloudFormationStackArtifact): Set<string> {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const artifact = stacks.find((candidate) => candidate.stackName === name);
    if (!artifact) throw new Error(`${stack.stackName} reads from ${name}, which is not in the app`);
    referencedStacks(artifact).forEach(visit);
  };
  visit(stack.stackName);
  return needed;
}

describe('the deploy plan', () => {
  it('reads what it needs from other stacks as `cdk synth` makes it (cdk.json): Fn::GetStackOutput, no exports', () => {
    // Weak references: no export ever stops a stack from being destroyed or replaced.
    for (const stack of stacks) {
      const template = JSON.stringify(stack.template);
      expect(template).not.toContain('Fn::ImportValue');
      const exported = Object.entries<{ Export?: unknown }>(stack.template.Outputs ?? {}).filter(([, output]) => output.Export);
      expect(exported.map(([name]) => name)).toEqual([]);
    }
  });

  it('deploys every stack of the app exactly once', () => {
    const planned = order(deployPlan(assembly));
    expect([...planned].sort()).toEqual(deployed.map((stack) => stack.stackName).sort());
  });

  it('never deploys nor destroys a stack that a command of its own deploys (the tag serverless-pattern:deploy)', () => {
    const own = stacks.filter((stack) => stack.tags[deployOnlyByTag] !== undefined).map((stack) => stack.stackName);
    expect(deployed.map((stack) => stack.stackName)).toEqual(stacks.map((stack) => stack.stackName).filter((name) => !own.includes(name)));
    for (const name of own) {
      expect(order(deployPlan(assembly))).not.toContain(name);
      expect(order(destroyPlan(assembly))).not.toContain(name);
      expect(() => deployPlan(assembly, { only: [name] })).toThrow(/No stack named/);
    }
  });

  it('deploys each stack after every stack whose outputs its template reads', () => {
    const planned = order(deployPlan(assembly));
    for (const stack of stacks) {
      for (const referenced of referencedStacks(stack)) expect(planned.indexOf(referenced), `${referenced} before ${stack.stackName}`).toBeLessThan(planned.indexOf(stack.stackName));
    }
  });

  it('deploys one stack, by its name or its last name part, with every stack it needs, first', () => {
    for (const stack of deployed) {
      const needed = needs(stack);
      const byName = order(deployPlan(assembly, { only: [stack.stackName] }));
      for (const name of needed) expect(byName, `deploying ${stack.stackName} deploys ${name}`).toContain(name);
      expect(byName.at(-1)).toBe(stack.stackName);
      const lastPart = stack.stackName.split('-').at(-1)!;
      expect(order(deployPlan(assembly, { only: [lastPart] }))).toEqual(expect.arrayContaining([...needed]));
    }
  });

  it("uses each stack's own profile, and --profile for the others", () => {
    const { profiles } = testApp();
    for (const group of deployPlan(assembly, { profile: 'team', profiles })) {
      for (const stack of group.stacks) expect(group.profile).toBe(profiles[stack] ?? 'team');
    }
  });

  it('refuses a stack name the app does not have, listing the ones it has', () => {
    expect(() => deployPlan(assembly, { only: ['nope'] })).toThrow(/No stack named nope; stacks: /);
  });
});

describe('the destroy plan', () => {
  // Shared by every stage in its account and region: destroying one stage never deletes it.
  const shared = () => new Set(sharedByStages(assembly).map((stack) => stack.stackName));
  const stageStacks = () => deployed.filter((stack) => !shared().has(stack.stackName));

  it("destroys every stack of the stage once, each before the stacks it reads from, and leaves those every stage shares", () => {
    const planned = order(destroyPlan(assembly));
    expect([...planned].sort()).toEqual(stageStacks().map((stack) => stack.stackName).sort());
    for (const name of shared()) expect(planned).not.toContain(name);
    for (const stack of stageStacks()) {
      for (const referenced of referencedStacks(stack)) expect(planned.indexOf(referenced)).toBeGreaterThan(planned.indexOf(stack.stackName));
    }
  });

  it('destroys one stack with the stacks that read from it, never with the stacks it reads from', () => {
    for (const stack of stageStacks()) {
      const planned = order(destroyPlan(assembly, { only: [stack.stackName] }));
      expect(planned).toContain(stack.stackName);
      for (const other of stageStacks()) {
        if (other !== stack && needs(other).has(stack.stackName)) expect(planned, `${other.stackName} reads from ${stack.stackName}`).toContain(other.stackName);
        if (other !== stack && needs(stack).has(other.stackName) && !needs(other).has(stack.stackName)) expect(planned).not.toContain(other.stackName);
      }
    }
  });
});
