import { Duration, Stack, Tags } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { config } from '../config.js';
import { alarmTopicName } from '../stacks/alarm-topic-stack.js';
import { stageOf } from '../stage.js';
import { ServiceFunction } from './service-function.js';

export interface ServiceMonitoringProps {
  readonly service: string;
}

const fiveMinutes = Duration.minutes(5);

/**
 * What watches one service: its alarms, each notifying the app's alarm topic
 * (AlarmTopicStack), and one CloudWatch dashboard that shows them with the API, function,
 * table and queue metrics behind them. The service stack hands it each part as it builds it.
 */
export class ServiceMonitoring extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  readonly topic?: ITopic;
  private readonly service: string;
  private readonly watched = new Set<IFunction>();
  private readonly functionGraphs: { errors: GraphWidget; throttles: GraphWidget; duration: GraphWidget };

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    this.service = props.service;
    // By name, not by a cross-stack export: the topic's stack can change without the services noticing.
    const stage = stageOf(this);
    // A stage with `alarms: false` has no topic: its alarms only show on the dashboard.
    this.topic = stage.alarms ? Topic.fromTopicArn(this, 'AlarmTopic', Stack.of(this).formatArn({ service: 'sns', resource: alarmTopicName(this) })) : undefined;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stage.prefix}-${props.service}`,
      defaultInterval: Duration.hours(3),
    });
    // Dashboard tags are recent in CloudFormation and unknown to cfn-lint 1.x; a dashboard is not billed by tag anyway.
    for (const key of ['app', 'stage']) Tags.of(this.dashboard).remove(key);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${stage.prefix}: ${props.service}\n${this.topic ? `Alarms notify the SNS topic \`${alarmTopicName(this)}\`` : `The ${stage.name} stage's alarms notify no one`} (\`alarms\` in \`infra/config.ts\`).`,
        width: 24,
        height: 2,
      }),
      // Lists every alarm added below, however late: the widget reads the array when the dashboard is synthesized.
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    // One line per function, added by watchFunction (the graphs read their metrics at synthesis too).
    this.functionGraphs = {
      errors: new GraphWidget({ title: 'Lambda errors (sum)', width: 8 }),
      throttles: new GraphWidget({ title: 'Lambda throttles (sum)', width: 8 }),
      duration: new GraphWidget({ title: 'Lambda duration p99 (ms)', width: 8 }),
    };
    this.dashboard.addWidgets(this.functionGraphs.errors, this.functionGraphs.throttles, this.functionGraphs.duration);
  }

  /** An alarm that notifies the topic (and returns to OK quietly). */
  alarm(id: string, props: { description: string; metric: IMetric; threshold: number; evaluationPeriods?: number; comparison?: ComparisonOperator }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${this.service}: ${props.description}`,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      // No traffic is not an outage: only data says something is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.watch(alarm);
    return alarm;
  }

  /** Sends an alarm made elsewhere to the topic and lists it on the dashboard. */
  watch(alarm: Alarm): Alarm {
    if (this.topic) alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  /** A row of graphs of the service's own (a queue, a stream). */
  addRow(...widgets: IWidget[]) {
    this.dashboard.addWidgets(...widgets);
  }

  /** The REST API: its 5XX rate and p99 latency, alarmed and graphed. */
  watchApi(api: RestApi) {
    const { serverErrorPercent, p99LatencyMs } = config.alarms;
    const requests = api.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    // Below ten requests in five minutes a single failure is not a rate worth waking anyone for.
    const errorRate = new MathExpression({
      expression: 'IF(requests >= 10, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5XX (% of requests)',
      period: fiveMinutes,
    });
    const latency = api.metricLatency({ period: fiveMinutes, statistic: 'p99' });
    this.alarm('Api5xxRate', { description: `more than ${serverErrorPercent}% of API requests failed with 5XX in 5 minutes`, metric: errorRate, threshold: serverErrorPercent });
    this.alarm('ApiLatencyP99', { description: `API p99 latency above ${p99LatencyMs} ms for 15 minutes`, metric: latency, threshold: p99LatencyMs, evaluationPeriods: 3 });
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests', left: [requests], right: [api.metricClientError({ period: fiveMinutes, statistic: 'Sum' }), serverErrors], width: 8 }),
      new GraphWidget({ title: 'API 5XX rate (%)', left: [errorRate], leftAnnotations: [{ value: serverErrorPercent, label: 'alarm' }], width: 8 }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [api.metricLatency({ period: fiveMinutes, statistic: 'p50' }), latency, api.metricIntegrationLatency({ period: fiveMinutes, statistic: 'p99' })],
        leftAnnotations: [{ value: p99LatencyMs, label: 'p99 alarm' }],
        width: 8,
      }),
    );
  }

  /** One function: an alarm on any error and any throttle, and its line in the function graphs. */
  watchFunction(name: string, fn: IFunction) {
    if (this.watched.has(fn)) return;
    this.watched.add(fn);
    const errors = fn.metricErrors({ period: fiveMinutes, statistic: 'Sum', label: name });
    const throttles = fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum', label: name });
    this.alarm(`${name}Errors`, { description: `the ${name} function failed (an error or a timeout)`, metric: errors, threshold: 0 });
    this.alarm(`${name}Throttles`, { description: `the ${name} function was throttled (concurrency limit reached)`, metric: throttles, threshold: 0 });
    this.functionGraphs.errors.addLeftMetric(errors);
    this.functionGraphs.throttles.addLeftMetric(throttles);
    this.functionGraphs.duration.addLeftMetric(fn.metricDuration({ period: fiveMinutes, statistic: 'p99', label: name }));
  }

  /** Every function in `scope` not watched yet (a Lambda authorizer's), named by where it sits. */
  watchRemainingFunctions(scope: Construct) {
    for (const child of scope.node.findAll()) {
      if (child instanceof ServiceFunction && !this.watched.has(child.function)) this.watchFunction(`${child.node.scope?.node.id ?? ''}${child.node.id}`, child.function);
    }
  }

  /** The table: an alarm on throttled reads or writes (on demand, they mean a partition is hot), and its capacity. */
  watchTable(table: ITableV2) {
    const throttled = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
        writes: table.metric('WriteThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
      },
      label: 'throttled requests',
      period: fiveMinutes,
    });
    this.alarm('TableThrottles', { description: 'DynamoDB throttled requests to the table', metric: throttled, threshold: 0 });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB consumed capacity (sum)',
        left: [table.metricConsumedReadCapacityUnits({ period: fiveMinutes, statistic: 'Sum' }), table.metricConsumedWriteCapacityUnits({ period: fiveMinutes, statistic: 'Sum' })],
        width: 12,
      }),
      new GraphWidget({ title: 'DynamoDB throttled requests', left: [throttled], width: 12 }),
    );
  }
}
