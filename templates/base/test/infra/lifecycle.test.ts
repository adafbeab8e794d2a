import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

/**
 * Deploy, destroy, deploy again: nothing `destroy` keeps can block the next deploy. (That
 * `destroy` lists what it keeps, each with the command that deletes it, is the toolkit's.)
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
