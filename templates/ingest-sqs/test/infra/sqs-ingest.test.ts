import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { serviceStack } from '../support/app.js';

type Resource = { Properties: Record<string, any> };

describe.each(config.services)('storage-first POST /%s through SQS', (service) => {
  let template: Template;
  let post: Resource;
  let consumer: { id: string; fn: Resource };

  beforeAll(() => {
    template = Template.fromStack(serviceStack(service));
    post = only(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'POST' } }));
    const mapping = only(template.findResources('AWS::Lambda::EventSourceMapping'));
    const id = mapping.Properties.FunctionName.Ref as string;
    consumer = { id, fn: template.findResources('AWS::Lambda::Function')[id] as Resource };
  });

  it('has no function in the request path: POST is API Gateway calling SQS SendMessage itself', () => {
    expect(post.Properties.Integration.Type).toBe('AWS');
    expect(JSON.stringify(post.Properties.Integration.Uri)).toContain(':sqs:path/');
    expect(post.Properties.Integration.RequestTemplates['application/json']).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)');
    // The functions the API may invoke are the GET, PUT and DELETE ones, never one for POST.
    for (const permission of Object.values(template.findResources('AWS::Lambda::Permission'))) {
      expect(JSON.stringify(permission.Properties.SourceArn)).not.toContain('/POST/');
    }
  });

  it('queues only bodies that match the item model; other content types are refused', () => {
    expect(post.Properties.RequestValidatorId).toBeDefined();
    expect(post.Properties.RequestModels).toEqual({ 'application/json': { Ref: expect.stringMatching(/^ApiCreateBody/) } });
    expect(post.Properties.Integration.PassthroughBehavior).toBe('NEVER');
  });

  it('answers 202 with the message id, 500 when SQS refuses and 503 when SQS fails', () => {
    const responses = post.Properties.Integration.IntegrationResponses as { StatusCode: string; SelectionPattern?: string; ResponseTemplates: Record<string, string> }[];
    expect(responses.map((r) => [r.StatusCode, r.SelectionPattern])).toEqual([['202', undefined], ['500', '4\\d{2}'], ['503', '5\\d{2}']]);
    expect(responses[0]!.ResponseTemplates['application/json']).toContain('SendMessageResult.MessageId');
    expect(post.Properties.MethodResponses.map((r: { StatusCode: string }) => r.StatusCode)).toEqual(['202', '500', '503']);
  });

  it('lets only API Gateway send, through a role allowed SendMessage on this one queue', () => {
    const senders = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('sqs:SendMessage'),
    );
    expect(senders).toHaveLength(1);
    expect(senders[0]!.Properties.PolicyDocument.Statement).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] } },
    ]);
    const roleId = senders[0]!.Properties.Roles[0].Ref as string;
    expect(post.Properties.Integration.Credentials).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] }),
    });
  });

  it('encrypts both queues and refuses plain HTTP to them', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('moves a message to the dead-letter queue after five failed receives, keeping it two weeks', () => {
    const queue = template.findResources('AWS::SQS::Queue')[queueId()] as Resource;
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] }, maxReceiveCount: 5 });
    template.allResourcesProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('hides a message for at least six times the consumer timeout while it is processed', () => {
    const queue = template.findResources('AWS::SQS::Queue')[queueId()] as Resource;
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer.fn.Properties.Timeout);
  });

  it('feeds the consumer batches, at bounded concurrency, and retries only the messages that failed', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });

  it('lets the consumer write the table with PutItem only, and never send to the queue', () => {
    const roleId = consumer.fn.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
    expect(actions).not.toContain('sqs:SendMessage');
  });

  it('raises an alarm on dead letters and on a backlog that ages', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage' });
  });

  /** The queue POST writes to: the one with a redrive policy. */
  function queueId(): string {
    return Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0]!;
  }
});

function only(resources: Record<string, unknown>): Resource {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0] as Resource;
}
