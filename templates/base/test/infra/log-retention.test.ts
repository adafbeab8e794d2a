import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { testApp } from '../support/app.js';

type Resource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, unknown> };

const resourcesOf = (stacks: readonly CloudFormationStackArtifact[], type: string) =>
  stacks.flatMap((stack) =>
    Object.entries<Resource>(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ where: `${stack.stackName}/${resource.Metadata?.['aws:cdk:path'] ?? logicalId}`, resource })),
  );

describe.each(Object.keys(config.stages))('the logs of the %s stage', (name) => {
  const { app, stage } = testApp(name);
  const stacks = app.synth().stacksRecursively;

  it(`are kept for the stage's logRetention (${stage.logRetention} days) in every log group the app makes, CDK's own included`, () => {
    const logGroups = resourcesOf(stacks, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThan(0);
    for (const { where, resource } of logGroups) expect(resource.Properties?.RetentionInDays, where).toBe(stage.logRetention);
    // Log groups made outside CloudFormation's own resources, in other regions (Lambda@Edge's).
    for (const { where, resource } of resourcesOf(stacks, 'Custom::LogRetention')) expect(Number(resource.Properties?.RetentionInDays), where).toBe(stage.logRetention);
  });
});
