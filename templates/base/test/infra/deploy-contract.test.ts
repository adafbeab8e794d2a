import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { deployMetadata } from '../../infra/define-app.js';
import { isListed } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

// `npm run deploy` (the toolkit's `serverless-pattern deploy`) plans from what `cdk synth`
// produces: these are the facts about this app it relies on, read from that same assembly.
let assembly: CloudAssembly;
let stacks: CloudFormationStackArtifact[];
beforeAll(() => {
  assembly = testApp().app.synth();
  stacks = assembly.stacksRecursively;
});

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

/** The stacks the assembly says `stack` needs deployed first, directly or through others. */
function recordedDependencies(stack: CloudFormationStackArtifact): Set<string> {
  const found = new Set<string>();
  const visit = (artifact: CloudFormationStackArtifact) => {
    for (const dependency of artifact.dependencies) {
      const needed = stacks.find((candidate) => candidate.id === dependency.id);
      if (needed && !found.has(needed.stackName)) {
        found.add(needed.stackName);
        visit(needed);
      }
    }
  };
  visit(stack);
  return found;
}

describe('what the deploy reads from the synthesized app', () => {
  it('reads what it needs from other stacks as `cdk synth` makes it (cdk.json): Fn::GetStackOutput, no exports', () => {
    // Weak references: no export ever stops a stack from being destroyed or replaced.
    for (const stack of stacks) {
      const template = JSON.stringify(stack.template);
      expect(template).not.toContain('Fn::ImportValue');
      const exported = Object.entries<{ Export?: unknown }>(stack.template.Outputs ?? {}).filter(([, output]) => output.Export);
      expect(exported.map(([name]) => name)).toEqual([]);
    }
  });

  it('records a dependency on every stack whose outputs a template reads, so that one deploys first', () => {
    for (const stack of stacks) {
      for (const referenced of referencedStacks(stack)) expect([...recordedDependencies(stack)], `${stack.stackName} reads from ${referenced}`).toContain(referenced);
    }
  });

  it(`names the stage on every stack (${deployMetadata.stage}), with its profile if it has one`, () => {
    const { stage } = testApp();
    for (const stack of stacks) {
      expect(stack.findMetadataByType(deployMetadata.stage).map((entry) => entry.data), stack.stackName).toEqual([
        { name: config.defaultStage, listed: isListed(config.defaultStage), ...(stage.profile && { profile: stage.profile }) },
      ]);
    }
  });

  it(`names the profile of each stack that deploys with one of its own (${deployMetadata.profile}), and of no other`, () => {
    const { profiles } = testApp();
    for (const stack of stacks) {
      const named = stack.findMetadataByType(deployMetadata.profile).map((entry) => entry.data);
      expect(named, stack.stackName).toEqual(profiles[stack.stackName] ? [profiles[stack.stackName]] : []);
    }
  });
});
