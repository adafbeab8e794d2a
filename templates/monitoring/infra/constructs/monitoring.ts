import { Duration, Tags } from 'aws-cdk-lib';
import { Alarm, AlarmStatusWidget, ComparisonOperator, Dashboard, type IMetric, type IWidget, TextWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';
import { alarmTopicName, alarmTopicOf } from '../stacks/alarm-topic-stack.js';
import { stageOf } from '../stage.js';

export interface MonitoringProps {
  /** What the dashboard shows, after the stage's prefix: a service's name, or `edge`. */
  readonly subject: string;
}

/** The period of every alarm and graph: the finest CloudWatch keeps for free. */
export const fiveMinutes = Duration.minutes(5);

/**
 * One CloudWatch dashboard, `<stage prefix>-<subject>`, and the alarms it shows, each
 * notifying the stage's alarm topic in this stack's account and region (AlarmTopicStack), or
 * no one in a stage with `alarms: false`. ServiceMonitoring and EdgeMonitoring fill it.
 */
export class Monitoring extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  private readonly subject: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.subject = props.subject;
    const stage = stageOf(this);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${stage.prefix}-${props.subject}`,
      defaultInterval: Duration.hours(3),
    });
    // Dashboard tags are recent in CloudFormation and unknown to cfn-lint 1.x; a dashboard is not billed by tag anyway.
    for (const key of ['app', 'stage']) Tags.of(this.dashboard).remove(key);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${stage.prefix}: ${props.subject}\n${stage.alarms ? `Alarms notify the SNS topic \`${alarmTopicName(this)}\`` : `The ${stage.name} stage's alarms notify no one`} (\`alarms\` in \`infra/config.ts\`).`,
        width: 24,
        height: 2,
      }),
      // Lists every alarm added later, however late: the widget reads the array when the dashboard is synthesized.
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
  }

  /** An alarm that notifies the topic (and returns to OK quietly). */
  alarm(id: string, props: { description: string; metric: IMetric; threshold: number; evaluationPeriods?: number; comparison?: ComparisonOperator }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${this.subject}: ${props.description}`,
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

  /** Sends an alarm made elsewhere in this stack to the topic and lists it on the dashboard. */
  watch(alarm: Alarm): Alarm {
    const topic = alarmTopicOf(alarm);
    if (topic) alarm.addAlarmAction(new SnsAction(topic));
    this.alarms.push(alarm);
    return alarm;
  }

  /** A row of graphs. */
  addRow(...widgets: IWidget[]) {
    this.dashboard.addWidgets(...widgets);
  }
}
