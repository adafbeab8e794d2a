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
    expect(post.Properties.Integration.RequestTemplates['application/json']).toContain('Action=SendMessage&MessageBody=$util.urlEncode($message)');
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

  it("queues the body with the item's id (the request id) and, behind an authorizer, the verified caller", () => {
    const request = post.Properties.Integration.RequestTemplates['application/json'] as string;
    expect(request).toContain('$context.requestId');
    expect(request).toContain("$input.json('$')");
    expect(request.includes('context.authorizer')).toBe(Object.keys(template.findResources('AWS::ApiGateway::Authorizer')).length > 0);
  });

  it('answers 202 with the id the item will have, 500 when SQS refuses and 503 when SQS fails', () => {
    const responses = post.Properties.Integration.IntegrationResponses as { StatusCode: string; SelectionPattern?: string; ResponseTemplates: Record<string, string> }[];
    expect(responses.map((r) => [r.StatusCode, r.SelectionPattern])).toEqual([['202', undefined], ['500', '4\\d{2}'], ['503', '5\\d{2}']]);
    expect(JSON.parse(responses[0]!.ResponseTemplates['application/json']!)).toEqual({ id: '$context.requestId' });
    expect(post.Properties.MethodResponses.map((r: { StatusCode: string }) => r.StatusCode)).toEqual(['202', '500', '503']);
  });

  it("names the site's origin on every answer when a site on another origin calls the API", () => {
    const cors = config.site?.apiAccess === 'direct' || config.site?.apiAccess === 'cloudfront';
    for (const response of post.Properties.Integration.IntegrationResponses) {
      expect(response.ResponseParameters?.['method.response.header.Access-Control-Allow-Origin'] !== undefined).toBe(cors);
    }
    for (const response of post.Properties.MethodResponses) {
      expect(response.ResponseParameters?.['method.response.header.Access-Control-Allow-Origin'] === true).toBe(cors);
    }
  });

  it('lets only API Gateway send to the queue, through a role allowed SendMessage on it alone', () => {
    const sendsToQueue = (statement: { Action: string | string[]; Resource: unknown }) =>
      [statement.Action].flat().includes('sqs:SendMessage') && JSON.stringify(statement.Resource).includes(queueId());
    const senders = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => policy.Properties.PolicyDocument.Statement.some(sendsToQueue));
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

  it('lets the consumer write the table with PutItem only, and send to the dead-letter queue only', () => {
    const roleId = consumer.fn.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
    const sends = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [deadLettersId(), 'Arn'] }]);
  });

  it('raises an alarm on dead letters and on a backlog that ages', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage' });
  });

  /** The queue POST writes to: the one with a redrive policy. */
  function queueId(): string {
    return Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0]!;
  }

  function deadLettersId(): string {
    return Object.keys(template.findResources('AWS::SQS::Queue')).find((id) => id !== queueId())!;
  }
});

function only(resources: Record<string, unknown>): Resource {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0] as Resource;
}
