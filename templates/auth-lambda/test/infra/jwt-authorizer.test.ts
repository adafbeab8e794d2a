import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { serviceStack } from '../support/app.js';

describe.each(config.services)('the Lambda authorizer of the %s API', (service) => {
  const template = Template.fromStack(serviceStack(service));

  it('is a TOKEN authorizer on the Authorization header that caches each token policy and pre-checks the header shape', () => {
    expect(Object.keys(template.findResources('AWS::ApiGateway::Authorizer', { Properties: { Type: 'TOKEN' } }))).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: config.auth.jwtAuthorizer.cacheTtlSeconds,
      IdentityValidationExpression: '^Bearer [-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+\\.[-_A-Za-z0-9]+$',
    });
  });

  it('runs authorizer/handler.ts on the project runtime, and only API Gateway may invoke it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 5,
      Description: Match.stringLikeRegexp('^Verifies '),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
  });

  it('grants its role nothing but its logs and traces', () => {
    const verifierPolicies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes('Verifier'),
    );
    const actions = verifierPolicies.flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) => [statement.Action].flat()),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^(logs|xray):/);
  });
});
