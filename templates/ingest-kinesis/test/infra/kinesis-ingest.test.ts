import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { defineApp } from '../../infra/define-app.js';
import { newApp, serviceStack, testApp } from '../support/app.js';

type Resource = { Properties: Record<string, any> };

describe.each(config.services)('storage-first POST /%s through Kinesis', (service) => {
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

  it('has no function in the request path: POST is API Gateway calling Kinesis PutRecord itself', () => {
    expect(post.Properties.Integration.Type).toBe('AWS');
    expect(JSON.stringify(post.Properties.Integration.Uri)).toContain(':kinesis:action/PutRecord');
    // The functions the API may invoke are the GET, PUT and DELETE ones, never one for POST.
    for (const permission of Object.values(template.findResources('AWS::Lambda::Permission'))) {
      expect(JSON.stringify(permission.Properties.SourceArn)).not.toContain('/POST/');
    }
  });

  it("puts the body with the item's id (the request id, also the partition key) and, behind an authorizer, the verified caller", () => {
    const request = JSON.stringify(post.Properties.Integration.RequestTemplates['application/json']);
    expect(request).toContain('$util.base64Encode($message)');
    expect(request).toContain("$input.json('$')");
    expect(request).toContain('\\"PartitionKey\\": \\"$context.requestId\\"');
    expect(request.includes('context.authorizer')).toBe(Object.keys(template.findResources('AWS::ApiGateway::Authorizer')).length > 0);
    expect(request).toContain(streamId());
  });

  it('puts only bodies that match the item model; other content types are refused', () => {
    expect(post.Properties.RequestValidatorId).toBeDefined();
    expect(post.Properties.RequestModels).toEqual({ 'application/json': { Ref: expect.stringMatching(/^ApiCreateBody/) } });
    expect(post.Properties.Integration.PassthroughBehavior).toBe('NEVER');
  });

  it('answers 202 with the id the item will have, 429 when throttled, 500 or 503 when Kinesis fails', () => {
    const responses = post.Properties.Integration.IntegrationResponses as { StatusCode: string; SelectionPattern?: string; ResponseTemplates: Record<string, string> }[];
    expect(responses.map((r) => [r.StatusCode, r.SelectionPattern])).toEqual([['202', undefined], ['500', '4\\d{2}'], ['503', '5\\d{2}']]);
    expect(JSON.parse(responses[0]!.ResponseTemplates['application/json']!)).toEqual({ id: '$context.requestId' });
    expect(responses[1]!.ResponseTemplates['application/json']).toContain('$context.responseOverride.status = 429');
    expect(post.Properties.MethodResponses.map((r: { StatusCode: string }) => r.StatusCode)).toEqual(['202', '429', '500', '503']);
  });

  it('lets only API Gateway put records, through a role allowed PutRecord on this one stream', () => {
    const writers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('kinesis:PutRecord'),
    );
    expect(writers).toHaveLength(1);
    expect(writers[0]!.Properties.PolicyDocument.Statement).toEqual([
      { Action: 'kinesis:PutRecord', Effect: 'Allow', Resource: { 'Fn::GetAtt': [streamId(), 'Arn'] } },
    ]);
    const roleId = writers[0]!.Properties.Roles[0].Ref as string;
    expect(post.Properties.Integration.Credentials).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  });

  it.each(Object.keys(config.stages))("gives the %s stage the stream its `stream` setting asks for: on-demand or a number of shards, encrypted, kept as long as it says", (name) => {
    const { capacity, retentionHours } = config.stages[name]!.stream;
    const stack = testApp(name).services.find((candidate) => candidate.service === service)!;
    Template.fromStack(stack).hasResourceProperties('AWS::Kinesis::Stream', {
      ...(capacity === 'on-demand' ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, ShardCount: Match.absent() } : { StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: capacity.shards }),
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      RetentionPeriodHours: retentionHours,
    });
  });

  it('refuses a stream setting Kinesis would refuse, naming it', () => {
    const original = config.stages.dev;
    const synthWith = (stream: object) => () => {
      Object.assign(config.stages, { dev: { ...original, stream } });
      try {
        defineApp(newApp('dev'));
      } finally {
        Object.assign(config.stages, { dev: original });
      }
    };
    const refused = [
      { capacity: { shards: 0 }, retentionHours: 24 },
      { capacity: { shards: 1.5 }, retentionHours: 24 },
      { capacity: 'on-demand', retentionHours: 12 },
      { capacity: 'on-demand', retentionHours: 9000 },
    ];
    for (const stream of refused) expect(synthWith(stream), JSON.stringify(stream)).toThrow(/^infra\/config\.ts: stages\.dev\.stream\./);
  });

  it('feeds the consumer with bisect on error, bounded retries and age, and a dead-letter destination', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [streamId(), 'Arn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
    });
  });

  it('keeps the dead letters in an encrypted queue that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      }),
    });
  });

  it("names the site's origin on every answer when a site on another origin calls the API", () => {
    const cors = config.site?.apiAccess === 'direct' || config.site?.apiAccess === 'cloudfront';
    for (const response of post.Properties.Integration.IntegrationResponses) {
      expect(response.ResponseParameters?.['method.response.header.Access-Control-Allow-Origin'] !== undefined).toBe(cors);
    }
  });

  it('lets the consumer write the table with PutItem only, and never put records', () => {
    const roleId = consumer.fn.Properties.Role['Fn::GetAtt'][0] as string;
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
    expect(actions).not.toContain('kinesis:PutRecord');
  });

  it('raises an alarm on dead letters and on a consumer that falls behind', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Namespace: 'AWS/Lambda' });
  });

  function streamId(): string {
    return Object.keys(template.findResources('AWS::Kinesis::Stream'))[0]!;
  }
});

function only(resources: Record<string, unknown>): Resource {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0] as Resource;
}
