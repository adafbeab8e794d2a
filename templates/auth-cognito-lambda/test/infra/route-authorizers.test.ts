import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { apiMethods } from '../support/api-methods.js';
import { testApp } from '../support/app.js';

const stack = (name: string) => testApp().app.node.children.find((child): child is Stack => Stack.isStack(child) && child.stackName === `${testApp().stage.prefix}-${name}`)!;

describe.each(config.services)('which authorizer guards which route of the %s API', (service) => {
  const methods = apiMethods(Template.fromStack(stack(service))).filter((m) => m.path !== '/health' && m.verb !== 'OPTIONS');

  it('sends DELETE through the Lambda authorizer (group check)', () => {
    const deletes = methods.filter((m) => m.verb === 'DELETE');
    expect(deletes.length).toBeGreaterThan(0);
    for (const method of deletes) expect(method.authorizationType, method.path).toBe('CUSTOM');
  });

  it('sends every other route through the Cognito authorizer (any signed-in user)', () => {
    const others = methods.filter((m) => m.verb !== 'DELETE');
    expect(others.length).toBeGreaterThan(0);
    for (const method of others) expect(method.authorizationType, `${method.verb} ${method.path}`).toBe('COGNITO_USER_POOLS');
  });
});

describe('the group the Lambda authorizer checks', () => {
  it('exists in the user pool', () => {
    Template.fromStack(stack('auth')).hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: config.auth.jwtAuthorizer.requiredGroup });
  });
});
