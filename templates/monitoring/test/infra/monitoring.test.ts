import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { ServiceFunction } from '../../infra/constructs/service-function.js';
import { defineApp } from '../../infra/define-app.js';
import { AlarmTopicStack, alarmTopicName } from '../../infra/stacks/alarm-topic-stack.js';
import { newApp, serviceStack, testApp } from '../support/app.js';

type Resource = { Type: string; Properties: Record<string, any> };
const resourcesOf = (stack: Stack, type: string) => Object.entries(Template.fromStack(stack).findResources(type) as Record<string, Resource>);
const environmentOf = (stack: Stack) => `${stack.account}/${stack.region}`;
/** The ARN an alarm action names, with CloudFormation's pseudo parameters as the stack renders them. */
const topicArnIn = (stack: Stack) => stack.resolve(stack.formatArn({ service: 'sns', resource: alarmTopicName(stack) }));

describe('alarms', () => {
  it('all notify the alarm topic of their own account and region, and nothing else', () => {
    const { app } = testApp();
    const stacks = app.node.children.filter(Stack.isStack);
    const topics = stacks.filter((stack): stack is AlarmTopicStack => stack instanceof AlarmTopicStack);
    let alarms = 0;
    for (const stack of stacks) {
      for (const [id, alarm] of resourcesOf(stack, 'AWS::CloudWatch::Alarm')) {
        alarms++;
        expect(alarm.Properties.AlarmActions, `${stack.stackName}/${id}`).toEqual([topicArnIn(stack)]);
        // The topic with that name lives in the same environment, and deploys first.
        const owner = topics.find((topic) => environmentOf(topic) === environmentOf(stack));
        expect(owner, `${stack.stackName}: no alarm topic in ${environmentOf(stack)}`).toBeDefined();
        expect(stack.dependencies).toContain(owner);
      }
    }
    expect(alarms).toBeGreaterThan(0);
    for (const topic of topics) Template.fromStack(topic).hasResourceProperties('AWS::SNS::Topic', { TopicName: alarmTopicName(topic) });
  });

  it.each(Object.entries(config.stages).map(([name, settings]) => [name, settings.alarms] as const))('in the %s stage (alarms: %s in infra/config.ts) notify the topic, or no one', (name, alarmsOn) => {
    const { app } = testApp(name);
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.some((stack) => stack instanceof AlarmTopicStack)).toBe(alarmsOn);
    const actions = stacks.flatMap((stack) => resourcesOf(stack, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties.AlarmActions ?? []));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toHaveLength(alarmsOn ? 1 : 0);
  });

  it('watch every service: API 5XX rate and p99 latency, each function\'s errors and throttles, table throttles', () => {
    for (const service of config.services) {
      const stack = serviceStack(service);
      const alarms = resourcesOf(stack, 'AWS::CloudWatch::Alarm').map(([, alarm]) => JSON.stringify(alarm.Properties));
      const onMetric = (name: string, reference: unknown) => alarms.filter((alarm) => alarm.includes(`"MetricName":"${name}"`) && alarm.includes(JSON.stringify(reference)));

      const api = stack.resolve(stack.api.restApi.restApiName);
      expect(onMetric('5XXError', api), `${service}: 5XX rate`).toHaveLength(1);
      expect(onMetric('Latency', api).filter((alarm) => alarm.includes('"ExtendedStatistic":"p99"')), `${service}: p99 latency`).toHaveLength(1);

      const functions = stack.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction);
      expect(functions.length).toBeGreaterThanOrEqual(4);
      for (const fn of functions) {
        const ref = stack.resolve(fn.function.functionName);
        expect(onMetric('Errors', ref), `${fn.node.path}: errors`).toHaveLength(1);
        expect(onMetric('Throttles', ref), `${fn.node.path}: throttles`).toHaveLength(1);
      }

      const table = stack.resolve(stack.table.tableName);
      expect(onMetric('ReadThrottleEvents', table).filter((alarm) => alarm.includes('WriteThrottleEvents')), `${service}: table throttles`).toHaveLength(1);
    }
  });
});

describe('the dashboards', () => {
  it('are one per service, named after it', () => {
    for (const service of config.services) {
      const dashboards = resourcesOf(serviceStack(service), 'AWS::CloudWatch::Dashboard');
      expect(dashboards).toHaveLength(1);
      expect(dashboards[0]![1].Properties.DashboardName).toBe(`${testApp().stage.prefix}-${service}`);
    }
  });

  it('show every alarm of the app, each on the one dashboard of its stack', () => {
    for (const stack of testApp().app.node.children.filter(Stack.isStack)) {
      const alarms = resourcesOf(stack, 'AWS::CloudWatch::Alarm');
      if (alarms.length === 0) continue;
      const dashboards = resourcesOf(stack, 'AWS::CloudWatch::Dashboard');
      expect(dashboards, stack.stackName).toHaveLength(1);
      const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
      for (const [id] of alarms) expect(body, `${stack.stackName}: ${id}`).toContain(`"${id}","Arn"`);
    }
  });
});

describe('the alarm topic', () => {
  const topicStack = () => testApp().app.node.children.find((child): child is AlarmTopicStack => child instanceof AlarmTopicStack)!;

  it('is encrypted with a rotated key CloudWatch may use, and accepts only TLS', () => {
    const template = Template.fromStack(topicStack());
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });

  it(`has no subscription while alarms.email is empty (it is ${JSON.stringify(config.alarms.email)})`, () => {
    const expected = config.alarms.email.trim() ? 1 : 0;
    Template.fromStack(topicStack()).resourceCountIs('AWS::SNS::Subscription', expected);
  });

  it('subscribes alarms.email, and refuses what is not an address', () => {
    const original = config.alarms;
    const withEmail = (email: string) => {
      Object.assign(config, { alarms: { ...original, email } });
      try {
        const app = newApp();
        defineApp(app);
        return app.node.children.find((child): child is AlarmTopicStack => child instanceof AlarmTopicStack)!;
      } finally {
        Object.assign(config, { alarms: original });
      }
    };
    Template.fromStack(withEmail('ops@example.com')).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    expect(() => withEmail('ops at example.com')).toThrow(/alarms\.email/);
  });
});
