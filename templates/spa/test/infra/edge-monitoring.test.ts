import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { alarmTopicName } from '../../infra/stacks/alarm-topic-stack.js';
import { testApp } from '../support/app.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Dimension = { Name: string; Value: unknown };

const resourcesOf = (stack: CloudFormationStackArtifact, type: string) => Object.entries<Resource>(stack.template.Resources ?? {}).filter(([, resource]) => resource.Type === type);

/** Every CloudWatch metric an alarm reads: its own, or those of its math expression. */
function metricsOf(alarm: Resource): { MetricName: string; Dimensions: Dimension[] }[] {
  const { Metrics, MetricName, Dimensions } = alarm.Properties;
  return Metrics ? Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map((m: { MetricStat: { Metric: unknown } }) => m.MetricStat.Metric) : [{ MetricName, Dimensions }];
}

/** `stack/logicalId` of the resource a template value refers to: a Ref in the same stack, or another stack's output (Fn::GetStackOutput). */
function referent(stacks: readonly CloudFormationStackArtifact[], stack: CloudFormationStackArtifact, value: any): string {
  const output = value?.['Fn::GetStackOutput'];
  if (output) {
    const producer = stacks.find((candidate) => candidate.stackName === output.StackName)!;
    return referent(stacks, producer, producer.template.Outputs[output.OutputName].Value);
  }
  return `${stack.stackName}/${value?.Ref}`;
}

describe.each(Object.keys(config.stages))('the edge of the %s stage', (name) => {
  const { app, stage } = testApp(name);
  const stacks = app.synth().stacksRecursively;
  const edge = stacks.find((stack) => stack.stackName === `${stage.prefix}-edge`);
  const distributions = stacks.flatMap((stack) => resourcesOf(stack, 'AWS::CloudFront::Distribution').map(([id, resource]) => ({ key: `${stack.stackName}/${id}`, resource })));
  /** The distributions an alarm of the edge stack watches, by the metric it alarms on. */
  const watched = (metricName: string) =>
    resourcesOf(edge!, 'AWS::CloudWatch::Alarm').flatMap(([, alarm]) =>
      metricsOf(alarm)
        .filter((metric) => metric.MetricName === metricName)
        .map((metric) => referent(stacks, edge!, metric.Dimensions.find((dimension) => dimension.Name === 'DistributionId')!.Value)),
    );

  it('is watched from a stack in us-east-1, where CloudFront publishes its metrics', () => {
    expect(edge?.environment.region).toBe('us-east-1');
  });

  it('alarms on the 5XX rate of every CloudFront distribution of the app', () => {
    expect(distributions.length).toBeGreaterThan(0);
    expect([...new Set(watched('5xxErrorRate'))].sort()).toEqual(distributions.map((d) => d.key).sort());
    for (const [, alarm] of resourcesOf(edge!, 'AWS::CloudWatch::Alarm').filter(([, alarm]) => metricsOf(alarm).some((m) => m.MetricName === '5xxErrorRate'))) {
      expect(alarm.Properties.Threshold).toBe(config.alarms.serverErrorPercent);
    }
  });

  it('alarms when Lambda@Edge fails on a distribution that runs it, and only there', () => {
    const runningLambda = distributions.filter(({ resource }) => {
      const { DefaultCacheBehavior, CacheBehaviors = [] } = resource.Properties.DistributionConfig;
      return [DefaultCacheBehavior, ...CacheBehaviors].some((behavior: { LambdaFunctionAssociations?: unknown[] }) => (behavior.LambdaFunctionAssociations ?? []).length > 0);
    });
    expect(watched('LambdaExecutionError').sort()).toEqual(runningLambda.map((d) => d.key).sort());
    expect(watched('LambdaValidationError').sort()).toEqual(runningLambda.map((d) => d.key).sort());
  });

  it(`notifies ${stage.alarms ? "the stage's topic in us-east-1" : 'no one (alarms: false)'}, and shows every alarm on the dashboard ${stage.prefix}-edge`, () => {
    for (const [id, alarm] of resourcesOf(edge!, 'AWS::CloudWatch::Alarm')) {
      const actions: unknown[] = alarm.Properties.AlarmActions ?? [];
      expect(actions, id).toHaveLength(stage.alarms ? 1 : 0);
      if (stage.alarms) expect(JSON.stringify(actions), id).toMatch(new RegExp(`:sns:us-east-1:.*:${alarmTopicName(app)}"`));
    }
    const dashboards = resourcesOf(edge!, 'AWS::CloudWatch::Dashboard');
    expect(dashboards.map(([, dashboard]) => dashboard.Properties.DashboardName)).toEqual([`${stage.prefix}-edge`]);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const [id] of resourcesOf(edge!, 'AWS::CloudWatch::Alarm')) expect(body, id).toContain(`"${id}","Arn"`);
  });
});
