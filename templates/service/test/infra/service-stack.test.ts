import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { operations } from '../../infra/stacks/operations.js';
import { App } from 'aws-cdk-lib';
import { defineApp } from '../../infra/define-app.js';

describe.each(config.services)('the %s service stack', (service) => {
  let template: Template;
  beforeAll(() => {
    // The templates are what is under test, not the bundles: skip esbuild.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { services } = defineApp(app);
    template = Template.fromStack(services.find((stack) => stack.stackName === `${config.appName}-${service}`)!);
  });

  it('has one function and one role per operation, on the current Node.js runtime on arm64', () => {
    const descriptions = Object.values(template.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Description);
    expect(descriptions).toEqual(expect.arrayContaining(operations.map((operation) => `${service}: ${operation.description}`)));
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    const lambdaRoles = Object.values(template.findResources('AWS::IAM::Role')).filter((role) =>
      JSON.stringify(role).includes('lambda.amazonaws.com'),
    );
    // One role per function: none is shared.
    expect(lambdaRoles).toHaveLength(descriptions.length);
  });

  it('grants each function exactly its own DynamoDB action and never a wildcard', () => {
    const dynamoActions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) =>
        [statement.Action].flat().filter((action) => action.startsWith('dynamodb:')),
      ),
    );
    expect(dynamoActions.sort()).toEqual(operations.flatMap((operation) => operation.actions).sort());
  });

  it('keeps data: on-demand table with point-in-time recovery, encryption and a retain policy', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
      DeletionPolicy: config.dataRemoval === 'retain' ? 'Retain' : 'Delete',
    });
  });

  it('throttles the stage, logs access as JSON and traces requests', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: config.stage,
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: config.api.throttle.rateLimit,
          ThrottlingBurstLimit: config.api.throttle.burstLimit,
        }),
      ]),
    });
  });

  it('routes each operation to its own function and validates bodies and ids', () => {
    const methods = template.findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: Match.not('OPTIONS'), Integration: { Type: 'AWS_PROXY' } },
    });
    expect(Object.keys(methods)).toHaveLength(operations.length);
    for (const method of Object.values(methods)) {
      expect(method.Properties.RequestValidatorId).toBeDefined();
    }
    template.resourceCountIs('AWS::ApiGateway::Model', 2);
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: service });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{id}' });
  });

  it('answers GET /health from API Gateway itself, without a function or credentials', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'health' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'NONE',
      Integration: Match.objectLike({ Type: 'MOCK' }),
    });
  });
});
