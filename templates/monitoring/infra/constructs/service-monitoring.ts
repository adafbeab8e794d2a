import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { GraphWidget, MathExpression } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { config } from '../config.js';
import { fiveMinutes, Monitoring } from './monitoring.js';
import { ServiceFunction } from './service-function.js';

export interface ServiceMonitoringProps {
  readonly service: string;
}

/**
 * What watches one service: its alarms, each notifying the stage's alarm topic
 * (AlarmTopicStack), and one CloudWatch dashboard that shows them with the API, function,
 * table and queue metrics behind them. The service stack hands it each part as it builds it.
 */
export class ServiceMonitoring extends Monitoring {
  private readonly watched = new Set<IFunction>();
  private readonly functionGraphs: { errors: GraphWidget; throttles: GraphWidget; duration: GraphWidget };

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id, { subject: props.service });
    // One line per function, added by watchFunction (the graphs read their metrics at synthesis too).
    this.functionGraphs = {
      errors: new GraphWidget({ title: 'Lambda errors (sum)', width: 8 }),
      throttles: new GraphWidget({ title: 'Lambda throttles (sum)', width: 8 }),
      duration: new GraphWidget({ title: 'Lambda duration p99 (ms)', width: 8 }),
    };
    this.addRow(this.functionGraphs.errors, this.functionGraphs.throttles, this.functionGraphs.duration);
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
    this.addRow(
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
    this.addRow(
      new GraphWidget({
        title: 'DynamoDB consumed capacity (sum)',
        left: [table.metricConsumedReadCapacityUnits({ period: fiveMinutes, statistic: 'Sum' }), table.metricConsumedWriteCapacityUnits({ period: fiveMinutes, statistic: 'Sum' })],
        width: 12,
      }),
      new GraphWidget({ title: 'DynamoDB throttled requests', left: [throttled], width: 12 }),
    );
  }
}
