import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { ApiGatewayAccountStack } from '../../infra/stacks/api-gateway-account-stack.js';
import { sharedByStagesTag } from '../../infra/stage.js';
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

  it('is one stack for every stage: the same name and the same template in each, so deploying it from another stage changes nothing', () => {
    const other = Object.keys(config.stages).find((name) => name !== config.defaultStage)!;
    const templates = (stage: string) =>
      Object.fromEntries(testApp(stage).app.node.children.filter((child): child is ApiGatewayAccountStack => child instanceof ApiGatewayAccountStack).map((stack) => [stack.stackName, Template.fromStack(stack).toJSON()]));
    const defaultStage = templates(config.defaultStage);
    expect(Object.keys(defaultStage).length).toBeGreaterThan(0);
    expect(templates(other)).toEqual(defaultStage);
  });

  it(`is never destroyed with a stage: tagged ${sharedByStagesTag}, which \`npm run destroy\` leaves, in every stage`, () => {
    for (const stage of Object.keys(config.stages)) {
      const shared = testApp(stage).app.node.children.filter((child): child is ApiGatewayAccountStack => child instanceof ApiGatewayAccountStack);
      const tagged = testApp(stage).app.synth().stacksRecursively.filter((stack) => stack.tags[sharedByStagesTag] === 'true');
      expect(shared.length, stage).toBeGreaterThan(0);
      expect(tagged.map((stack) => stack.stackName).sort(), stage).toEqual(shared.map((stack) => stack.stackName).sort());
    }
  });

  it('keeps its role when the stack is deleted: other APIs in the account may still log through it', () => {
    const stack = testApp().app.node.children.find((child) => child instanceof ApiGatewayAccountStack) as Stack;
    Template.fromStack(stack).hasResource('AWS::IAM::Role', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
