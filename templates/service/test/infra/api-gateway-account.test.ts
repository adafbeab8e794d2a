import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ApiGatewayAccountStack } from '../../infra/stacks/api-gateway-account-stack.js';
import { testApp } from '../support/app.js';

const environmentOf = (stack: Stack) => `${stack.account}/${stack.region}`;

describe("API Gateway's account-level logging role", () => {
  it('is set once per account and region the services deploy to, by a stack of its own', () => {
    const { app, services } = testApp();
    const stacks = app.node.children.filter(Stack.isStack);
    const owners = stacks.filter((stack) => Object.keys(Template.fromStack(stack).findResources('AWS::ApiGateway::Account')).length > 0);
    expect(owners.every((stack) => stack instanceof ApiGatewayAccountStack)).toBe(true);
    expect(owners.map(environmentOf).sort()).toEqual([...new Set(services.map(environmentOf))].sort());
    for (const owner of owners) Template.fromStack(owner).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  it('is deployed before every service of its environment, whose stage logs through it', () => {
    for (const service of testApp().services) {
      const settings = service.dependencies.filter((stack) => stack instanceof ApiGatewayAccountStack);
      expect(settings.map(environmentOf)).toEqual([environmentOf(service)]);
    }
  });

  it('keeps its role when the stack is deleted: other APIs in the account may still log through it', () => {
    const stack = testApp().app.node.children.find((child) => child instanceof ApiGatewayAccountStack) as Stack;
    Template.fromStack(stack).hasResource('AWS::IAM::Role', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
