import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { GraphWidget, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { config } from '../config.js';
import { fiveMinutes, Monitoring } from './monitoring.js';

export interface WatchedDistribution {
  /** Part of its alarms' ids: `Site`, `ItemsApi`. */
  readonly id: string;
  /** How alarms and graphs name it: `the site`, `the items API`. */
  readonly title: string;
  readonly distribution: IDistribution;
  /** Lambda@Edge runs on it (the site's sign-in gate): its failures are alarmed too. */
  readonly lambdaAtEdge: boolean;
}

/**
 * What watches the app at the edge: each CloudFront distribution's 5XX rate and, where
 * Lambda@Edge runs, the function's failures; with --waf, the distributions' web ACL
 * (WebAcl.reportTo). CloudFront publishes its metrics in us-east-1 only, and an alarm watches
 * its own region's: so this lives in a us-east-1 stack whatever the app's region
 * (EdgeMonitoringStack), and its alarms notify the stage's alarm topic there.
 */
export class EdgeMonitoring extends Monitoring {
  constructor(scope: Construct, id: string) {
    super(scope, id, { subject: 'edge' });
  }

  /** A distribution: an alarm on its 5XX rate, and on Lambda@Edge failing there; and their graphs. */
  watchDistribution({ id, title, distribution, lambdaAtEdge }: WatchedDistribution) {
    const { serverErrorPercent } = config.alarms;
    const metric = (metricName: string, statistic: 'Sum' | 'Average', label: string) =>
      new Metric({ namespace: 'AWS/CloudFront', metricName, dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' }, statistic, period: fiveMinutes, label });
    const requests = metric('Requests', 'Sum', 'requests');
    // As for the APIs: below ten requests in five minutes one failure is not a rate worth waking anyone for.
    const errorRate = new MathExpression({
      expression: 'IF(requests >= 10, errors, 0)',
      usingMetrics: { requests, errors: metric('5xxErrorRate', 'Average', '5XX (%)') },
      label: '5XX (% of requests)',
      period: fiveMinutes,
    });
    this.alarm(`${id}5xxRate`, {
      description: `more than ${serverErrorPercent}% of the requests to ${title} (CloudFront) were answered with 5XX in 5 minutes`,
      metric: errorRate,
      threshold: serverErrorPercent,
    });
    const graphs = [
      new GraphWidget({ title: `CloudFront, ${title}: requests`, left: [requests], right: [metric('4xxErrorRate', 'Average', '4XX (%)'), metric('5xxErrorRate', 'Average', '5XX (%)')], width: 8 }),
      new GraphWidget({ title: `CloudFront, ${title}: 5XX rate (%)`, left: [errorRate], leftAnnotations: [{ value: serverErrorPercent, label: 'alarm' }], width: 8 }),
    ];
    if (lambdaAtEdge) {
      // Counted by CloudFront, in us-east-1, whichever region ran the function: an uncaught
      // error or a timeout (execution), or an answer CloudFront cannot use (validation).
      const failures = new MathExpression({
        expression: 'execution + validation',
        usingMetrics: { execution: metric('LambdaExecutionError', 'Sum', 'execution errors'), validation: metric('LambdaValidationError', 'Sum', 'invalid responses') },
        label: 'Lambda@Edge failures',
        period: fiveMinutes,
      });
      this.alarm(`${id}LambdaAtEdgeErrors`, { description: `Lambda@Edge failed on ${title}: an error, a timeout or an invalid response, answered with 5XX`, metric: failures, threshold: 0 });
      graphs.push(new GraphWidget({ title: `Lambda@Edge on ${title}: failures`, left: [failures], width: 8 }));
    }
    this.addRow(...graphs);
  }
}
