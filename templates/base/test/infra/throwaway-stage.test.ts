import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { isListed } from '../../infra/stage.js';
import { testApp } from '../support/app.js';

// A stage infra/config.ts does not list, as a pull request's preview or a sandbox deploys:
// it takes dev's settings (dataRemoval 'destroy', no deletion protection, tracing 'requests').
const preview = 'pr-1';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string };
let stacks: CloudFormationStackArtifact[];
let resources: (Resource & { id: string })[];
beforeAll(() => {
  stacks = testApp(preview).app.synth().stacksRecursively;
  resources = stacks.flatMap((stack) => Object.entries<Resource>(stack.template.Resources ?? {}).map(([logicalId, r]) => ({ id: `${stack.stackName}/${logicalId}`, ...r })));
});

const ofType = (type: string) => resources.filter((r) => r.Type === type);

describe("a stage to throw away (dev's dataRemoval: 'destroy', deletionProtection: false)", () => {
  it('is one infra/config.ts does not list', () => expect(isListed(preview)).toBe(false));

  it('deletes every table, log group, queue and bucket with its stack', () => {
    for (const type of ['AWS::DynamoDB::GlobalTable', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue', 'AWS::S3::Bucket', 'AWS::Kinesis::Stream', 'AWS::Cognito::UserPool']) {
      for (const resource of ofType(type)) expect(resource.DeletionPolicy ?? 'Delete', resource.id).toBe('Delete');
    }
  });

  it('turns deletion protection off, which would otherwise stop the delete', () => {
    for (const table of ofType('AWS::DynamoDB::GlobalTable')) {
      for (const replica of table.Properties!.Replicas) expect(replica.DeletionProtectionEnabled ?? false).toBe(false);
    }
    for (const pool of ofType('AWS::Cognito::UserPool')) expect(pool.Properties!.DeletionProtection ?? 'INACTIVE').toBe('INACTIVE');
  });

  it('empties every bucket first: CloudFormation cannot delete a bucket that has objects', () => {
    const emptied = ofType('Custom::S3AutoDeleteObjects').map((r) => JSON.stringify(r.Properties!.BucketName));
    for (const stack of stacks) {
      for (const [logicalId, bucket] of Object.entries<Resource>(stack.template.Resources ?? {})) {
        if (bucket.Type === 'AWS::S3::Bucket') expect(emptied, `${stack.stackName}/${logicalId}`).toContain(JSON.stringify({ Ref: logicalId }));
      }
    }
  });

  it('keeps only what CDK and CloudFront hold on to: the API Gateway logging role and the Lambda@Edge function with its versions', () => {
    // A function whose role Lambda@Edge may assume (its role is in the same stack).
    const isEdgeFunction = (fn: Resource & { id: string }) => {
      const role = resources.find((r) => r.id === `${fn.id.split('/')[0]}/${fn.Properties?.Role?.['Fn::GetAtt']?.[0]}`);
      return JSON.stringify(role?.Properties?.AssumeRolePolicyDocument ?? {}).includes('edgelambda.amazonaws.com');
    };
    const expected = (r: Resource & { id: string }) =>
      r.Type === 'AWS::ApiGateway::Account' ||
      r.Type === 'AWS::Lambda::Version' ||
      (r.Type === 'AWS::Lambda::Function' && isEdgeFunction(r)) ||
      (r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties).includes('AmazonAPIGatewayPushToCloudWatchLogs'));
    const kept = resources.filter((r) => (r.DeletionPolicy ?? 'Delete') !== 'Delete');
    expect(kept.filter((r) => !expected(r)).map((r) => r.id)).toEqual([]);
  });
});

describe("a stage with tracing: 'requests' (dev's)", () => {
  it('is what dev says', () => expect(config.stages.dev.tracing).toBe('requests'));

  it("traces every function and API stage, with Powertools' tracer off in the functions (ServiceFunction also leaves it out of their bundles)", () => {
    const functions = ofType('AWS::Lambda::Function').filter((fn) => fn.Properties!.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties!.TracingConfig, fn.id).toEqual({ Mode: 'Active' });
      expect(fn.Properties!.Environment.Variables.POWERTOOLS_TRACE_ENABLED, fn.id).toBe('false');
    }
    for (const stage of ofType('AWS::ApiGateway::Stage')) expect(stage.Properties!.TracingEnabled, stage.id).toBe(true);
  });
});
