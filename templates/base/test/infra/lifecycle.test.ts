import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptResources } from '../../infra/kept-resources.js';
import { testApp } from '../support/app.js';

/**
 * Deploy, destroy, deploy again: what `destroy` keeps is listed with a command that deletes
 * it, and nothing it keeps can block the next deploy.
 */
let stacks: CloudFormationStackArtifact[];
beforeAll(() => {
  stacks = testApp().app.synth().stacksRecursively;
});

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };
const resources = () => stacks.flatMap((stack) => Object.entries<Resource>(stack.template.Resources ?? {}).map(([logicalId, resource]) => ({ stack, logicalId, ...resource })));
const keptOnDelete = (policy?: string) => policy !== undefined && policy !== 'Delete';

/** The properties that give a resource its physical name. */
const nameProperties = ['BucketName', 'TableName', 'LogGroupName', 'QueueName', 'Name', 'StreamName', 'UserPoolName', 'RoleName', 'FunctionName'];

describe(`what destroy keeps (dataRemoval: '${testApp().stage.dataRemoval}')`, () => {
  it('lists every resource the templates keep, each with a command that deletes it', () => {
    const listed = keptResources(stacks);
    // An account setting, and versions that go with their function: nothing to delete on their own.
    const alone = resources().filter((r) => keptOnDelete(r.DeletionPolicy) && !['AWS::ApiGateway::Account', 'AWS::Lambda::Version'].includes(r.Type));
    for (const resource of alone) {
      expect(listed.some((entry) => entry.stack === resource.stack.stackName && entry.logicalId === resource.logicalId), `${resource.stack.stackName}/${resource.logicalId}`).toBe(true);
    }
    for (const entry of listed) {
      const command = entry.command('the-physical-id', { region: 'eu-west-1', profile: 'team' });
      expect(command).toMatch(/^(aws|for region in) /);
      expect(command).toContain('the-physical-id');
      expect(command).toContain('--profile team');
    }
  });

  it('lists the log groups Lambda creates for functions without one of their own', () => {
    const listed = keptResources(stacks);
    for (const fn of resources().filter((r) => r.Type === 'AWS::Lambda::Function')) {
      const ownLogGroup = JSON.stringify(fn.Properties?.LoggingConfig ?? {}).includes('LogGroup') || JSON.stringify(fn.stack.template).includes(`"LogGroupName":{"Fn::Join":["",["/aws/lambda/",{"Ref":"${fn.logicalId}"}`);
      if (!ownLogGroup) expect(listed.some((entry) => entry.logicalId === fn.logicalId && entry.keptBy === 'Lambda')).toBe(true);
    }
  });

  it('keeps nothing with a fixed name, so the next deploy never finds it in the way', () => {
    for (const resource of resources().filter((r) => keptOnDelete(r.DeletionPolicy))) {
      for (const name of nameProperties) expect(typeof resource.Properties?.[name], `${resource.logicalId}.${name}`).not.toBe('string');
    }
  });

  it('keeps data only once it was created: a failed first deploy leaves nothing behind', () => {
    const retainedOnCreate = resources().filter((r) => r.DeletionPolicy === 'Retain');
    // Kept by CDK's own defaults rather than dataRemoval: the account's API Gateway logging
    // role, and the Lambda@Edge function with its versions (CloudFront holds on to them).
    const expected = (r: Resource & { Properties?: Record<string, unknown> }) =>
      ['AWS::ApiGateway::Account', 'AWS::Lambda::Version', 'AWS::Lambda::Function'].includes(r.Type) ||
      (r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('AmazonAPIGatewayPushToCloudWatchLogs'));
    expect(retainedOnCreate.filter((r) => !expected(r)).map((r) => `${r.stack.stackName}/${r.logicalId}`)).toEqual([]);
  });

  it('never keeps a Kinesis stream, billed by the hour even when idle (the table holds the data)', () => {
    for (const stream of resources().filter((r) => r.Type === 'AWS::Kinesis::Stream')) expect(keptOnDelete(stream.DeletionPolicy)).toBe(false);
  });

  it('empties the buckets it deletes, so CloudFormation can delete them', () => {
    for (const stack of stacks) {
      const template = stack.template as { Resources: Record<string, Resource> };
      for (const [logicalId, bucket] of Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket')) {
        if (keptOnDelete(bucket.DeletionPolicy)) continue;
        const emptied = Object.values(template.Resources).some((r) => r.Type === 'Custom::S3AutoDeleteObjects' && JSON.stringify(r.Properties?.BucketName) === JSON.stringify({ Ref: logicalId }));
        expect(emptied, `${stack.stackName}/${logicalId}`).toBe(true);
      }
    }
  });
});
