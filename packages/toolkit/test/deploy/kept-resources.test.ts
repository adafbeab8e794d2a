import { CfnResource, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { keptResources } from '../../src/deploy/kept-resources.js';
import { stack, synthesize } from '../support/assembly.js';

const where = { region: 'eu-west-1', profile: 'team' };

/** One stack with a resource of each kind destroy may leave behind, and some it never does. */
const stacks = () =>
  synthesize((app) => {
    const items = stack(app, 'app-items', { env: { account: '111111111111', region: 'eu-west-1' } });
    const retained = (scope: Stack, id: string, type: string, properties: Record<string, unknown> = {}) => {
      const resource = new CfnResource(scope, id, { type, properties });
      resource.applyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
      return resource;
    };
    retained(items, 'Table', 'AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', DeletionProtectionEnabled: true }] });
    retained(items, 'Bucket', 'AWS::S3::Bucket');
    retained(items, 'Pool', 'AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    retained(items, 'Queue', 'AWS::SQS::Queue');
    const logsRole = retained(items, 'LogsRole', 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs']] }],
    });
    retained(items, 'Account', 'AWS::ApiGateway::Account', { CloudWatchRoleArn: logsRole.getAtt('Arn') });
    // Deleted with the stack: not listed.
    new CfnResource(items, 'Deleted', { type: 'AWS::DynamoDB::GlobalTable', properties: { Replicas: [{ Region: 'eu-west-1' }] } });
    // A function that logs to a group of its own, and one that leaves it to Lambda (a CDK helper).
    const role = new CfnResource(items, 'FunctionRole', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] } } });
    const group = new CfnResource(items, 'FunctionLogs', { type: 'AWS::Logs::LogGroup' });
    new CfnResource(items, 'Function', { type: 'AWS::Lambda::Function', properties: { Role: role.getAtt('Arn'), LoggingConfig: { LogGroup: group.ref } } });
    new CfnResource(items, 'Helper', { type: 'AWS::Lambda::Function', properties: { Role: role.getAtt('Arn') } });
    // Lambda@Edge: its role may be assumed by edgelambda; CloudFront holds on to it.
    const edgeRole = new CfnResource(items, 'EdgeRole', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] } }] } } });
    const edge = new CfnResource(items, 'Edge', { type: 'AWS::Lambda::Function', properties: { Role: edgeRole.getAtt('Arn'), LoggingConfig: { LogGroup: group.ref } } });
    edge.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }).stacksRecursively;

const listed = () => Object.fromEntries(keptResources(stacks()).map((entry) => [entry.logicalId, entry]));

describe('what destroy keeps', () => {
  it('lists each resource the templates keep, and what each is, by its construct path', () => {
    const kept = listed();
    expect(Object.keys(kept).sort()).toEqual(['Bucket', 'Edge', 'Helper', 'LogsRole', 'Pool', 'Queue', 'Table']);
    expect(kept.Table!.what).toBe('DynamoDB table (deletion protection on): app-items/Table');
    expect(kept.Pool!.what).toBe('Cognito user pool (deletion protection on): app-items/Pool');
    expect(kept.LogsRole!.what).toBe('IAM role API Gateway writes execution logs with: app-items/LogsRole');
    expect(kept.Edge!.what).toBe('Lambda@Edge function, with its versions: app-items/Edge');
    expect(kept.Helper).toMatchObject({ what: 'log group Lambda created for a CDK helper function: app-items/Helper', keptBy: 'Lambda' });
  });

  it('gives each the command that deletes it, by its physical id, where it was deployed', () => {
    const kept = listed();
    const command = (id: string) => kept[id]!.command(`the-${id.toLowerCase()}`, where);
    expect(command('Table')).toBe(
      'aws dynamodb update-table --table-name the-table --no-deletion-protection-enabled --region eu-west-1 --profile team && aws dynamodb delete-table --table-name the-table --region eu-west-1 --profile team',
    );
    expect(command('Bucket')).toBe('aws s3 rb s3://the-bucket --force --region eu-west-1 --profile team');
    expect(command('Queue')).toBe('aws sqs delete-queue --queue-url the-queue --region eu-west-1 --profile team');
    expect(command('Helper')).toBe('aws logs delete-log-group --log-group-name /aws/lambda/the-helper --region eu-west-1 --profile team');
    // IAM is global: no region; its managed policies are detached first, the partition filled in.
    expect(command('LogsRole')).toBe(
      'aws iam detach-role-policy --role-name the-logsrole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs --profile team && aws iam delete-role --role-name the-logsrole --profile team',
    );
  });

  it("lists the Lambda@Edge function's log groups, one in every region that ran it", () => {
    const logs = keptResources(stacks()).find((entry) => entry.logicalId === 'Edge' && entry.keptBy === 'Lambda')!;
    expect(logs.what).toBe('log groups of a Lambda@Edge function, one in each region that ran it: app-items/Edge');
    expect(logs.command('edge-fn', where)).toContain('aws logs delete-log-group --log-group-name /aws/lambda/us-east-1.edge-fn --region "$region" --profile team');
  });
});
