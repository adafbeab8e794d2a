import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { lambdaAtEdgeRegions } from '../../infra/constructs/edge-function-logs.js';
import { testApp } from '../support/app.js';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string };

/** Functions whose role Lambda@Edge may assume, with the stack they are in. */
function edgeFunctions(stacks: readonly CloudFormationStackArtifact[]) {
  return stacks.flatMap((stack) => {
    const resources: Record<string, Resource> = stack.template.Resources ?? {};
    return Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .filter(([, fn]) => JSON.stringify(resources[fn.Properties?.Role?.['Fn::GetAtt']?.[0]]?.Properties?.AssumeRolePolicyDocument ?? {}).includes('edgelambda.amazonaws.com'))
      .map(([logicalId]) => ({ stack, logicalId, resources }));
  });
}

describe.each(Object.keys(config.stages))('the Lambda@Edge logs of the %s stage', (name) => {
  const { app, stage } = testApp(name);
  const stacks = app.synth().stacksRecursively;

  it(`are kept for the stage's logRetention (${stage.logRetention} days) in every region with a regional edge cache, where Lambda@Edge runs and logs`, () => {
    const functions = edgeFunctions(stacks);
    expect(functions.length).toBeGreaterThan(0);
    for (const { stack, logicalId, resources } of functions) {
      // Lambda@Edge names the group after the function's own region, us-east-1, in every region.
      const groupName = JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/us-east-1.', { Ref: logicalId }]] });
      const groups = Object.values(resources).filter((resource) => resource.Type === 'Custom::LogRetention' && JSON.stringify(resource.Properties?.LogGroupName) === groupName);
      expect(groups.map((group) => group.Properties?.LogGroupRegion).sort(), `${stack.stackName}/${logicalId}`).toEqual([...lambdaAtEdgeRegions].sort());
      for (const group of groups) expect(Number(group.Properties?.RetentionInDays)).toBe(stage.logRetention);
    }
  });

  it('are kept with the function when its stack is deleted: CloudFront still holds copies of it for hours, which would make the groups again without retention', () => {
    for (const { resources } of edgeFunctions(stacks)) {
      const groups = Object.values(resources).filter((resource) => resource.Type === 'Custom::LogRetention');
      expect(groups).toHaveLength(lambdaAtEdgeRegions.length);
      for (const group of groups) expect(group.Properties?.RemovalPolicy ?? 'retain').toBe('retain');
    }
  });
});
