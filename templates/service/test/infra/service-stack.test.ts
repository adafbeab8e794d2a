import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { operations } from '../../infra/stacks/operations.js';
import { serviceStack, testApp } from '../support/app.js';

describe.each(config.services)('the %s service stack', (service) => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(serviceStack(service));
  });

  /** The API may also invoke a Lambda authorizer: that is not an operation. */
  const invokedByApi = (authorizers: boolean) =>
    Object.values(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'apigateway.amazonaws.com' } })).filter(
      (permission) => JSON.stringify(permission.Properties.SourceArn).includes('/authorizers/') === authorizers,
    );
  const functionsOf = (permissions: { [key: string]: any }[]) =>
    new Set(permissions.map((permission) => JSON.stringify(permission.Properties.FunctionName)));

  it('runs every function on the current Node.js runtime on arm64, each with a role of its own', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const roles = new Set(functions.map((fn) => JSON.stringify(fn.Properties.Role)));
    expect(roles.size).toBe(functions.length);
  });

  it('has the API invoke one function per operation, and nothing else', () => {
    expect(functionsOf(invokedByApi(false)).size).toBe(operations.length);
  });

  it('grants each function exactly one DynamoDB action, its own, and never a wildcard', () => {
    const grants = Object.values(template.findResources('AWS::IAM::Policy'))
      .map((policy) =>
        policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) =>
          [statement.Action].flat().filter((action) => action.startsWith('dynamodb:')),
        ),
      )
      .filter((actions) => actions.length > 0);
    const authorizers = functionsOf(invokedByApi(true)).size;
    // Every function but an authorizer works on the table.
    expect(grants).toHaveLength(Object.keys(template.findResources('AWS::Lambda::Function')).length - authorizers);
    for (const actions of grants) expect(actions).toHaveLength(1);
    expect(grants.flat()).toEqual(expect.arrayContaining(operations.flatMap((operation) => operation.actions)));
    expect(grants.flat()).not.toContain('dynamodb:*');
  });

  it('keeps data: on-demand table with point-in-time recovery, encryption and a retain policy', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
      // Kept once created; a failed first deploy deletes it, so it never stands in the next one's way.
      DeletionPolicy: testApp().stage.dataRemoval === 'retain' ? 'RetainExceptOnCreate' : 'Delete',
    });
  });

  it("throttles the stage, logs access as JSON and traces requests (the stage's settings in infra/config.ts)", () => {
    const { stage } = testApp();
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: stage.name,
      TracingEnabled: stage.tracing !== false,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: stage.throttle.rateLimit,
          ThrottlingBurstLimit: stage.throttle.burstLimit,
        }),
      ]),
    });
  });

  it.each(Object.keys(config.stages))("sends per-method metrics from the %s stage only when its detailedMetrics asks (they are billed as custom metrics)", (name) => {
    const stack = testApp(name).services.find((candidate) => candidate.service === service)!;
    const stages = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    const everyMethod = (stages[0]!.Properties.MethodSettings as { HttpMethod: string; ResourcePath: string; MetricsEnabled?: boolean }[]).filter(
      (setting) => setting.HttpMethod === '*' && setting.ResourcePath === '/*',
    );
    expect(everyMethod).toHaveLength(1);
    expect(everyMethod[0]!.MetricsEnabled ?? false).toBe(config.stages[name]!.detailedMetrics);
  });

  it('routes each operation to its own function and validates bodies and ids', () => {
    const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: Match.not('OPTIONS') } });
    const proxied = Object.values(methods).filter((method) => method.Properties.Integration.Type === 'AWS_PROXY');
    expect(proxied).toHaveLength(operations.length);
    // Every route but GET /health (answered by API Gateway itself) checks its request.
    for (const method of Object.values(methods).filter((m) => m.Properties.Integration.Type !== 'MOCK')) {
      expect(method.Properties.RequestValidatorId).toBeDefined();
    }
    template.resourceCountIs('AWS::ApiGateway::Model', 2);
    // Behind a custom domain the routes start at /; otherwise at /<service>.
    const atRoot = Boolean(config.apiDomain ?? config.serviceTargets?.[service]?.domain);
    if (!atRoot) template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: service });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{id}' });
  });

  it('is reached one way only: through its custom domain when it has one, with the execute-api address off', () => {
    const customDomain = Boolean(config.apiDomain ?? config.serviceTargets?.[service]?.domain);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: customDomain });
  });

  it('answers GET /health from API Gateway itself, without a function, credentials or API key (even where every other route needs one)', () => {
    const [health] = Object.keys(template.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: 'health' } }));
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: { Ref: health }, HttpMethod: 'GET' } }));
    expect(methods.map((method) => method.Properties)).toEqual([
      expect.objectContaining({ AuthorizationType: 'NONE', ApiKeyRequired: false, Integration: expect.objectContaining({ Type: 'MOCK' }) }),
    ]);
  });
});
