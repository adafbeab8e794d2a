import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { AwsIntegration, type IResource, PassthroughBehavior } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, GraphWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acceptedMessageTemplate, acceptedResponse } from './accepted-message.js';
import { removalPolicy } from './removal-policy.js';
import type { ServiceApi } from './service-api.js';
import { handlerEntry, ServiceFunction } from './service-function.js';
import type { ServiceMonitoring } from './service-monitoring.js';

export interface SqsIngestProps {
  readonly service: string;
  readonly api: ServiceApi;
  /** The collection resource (`/<service>`): POST on it goes into the queue. */
  readonly resource: IResource;
  readonly table: ITableV2;
  /** The service's alarms and dashboard: the consumer, the backlog and the dead letters join them. */
  readonly monitoring: ServiceMonitoring;
}

/** How long the consumer may take over one batch. */
const consumerTimeout = Duration.seconds(30);

/**
 * Storage-first writes through SQS: API Gateway sends each valid POST body straight to an
 * encrypted queue (SendMessage, no function in the request path) and answers 202 with the
 * id the item will have; a consumer function stores the messages in the table, at most ten
 * batches at a time. The queue absorbs bursts the consumer or the table cannot take yet;
 * messages that keep failing, or can never become an item, move to a dead-letter queue,
 * and alarms say when either queue needs attention.
 */
export class SqsIngest extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly consumer: ServiceFunction;

  constructor(scope: Construct, id: string, props: SqsIngestProps) {
    super(scope, id);
    const { service, table } = props;

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: removalPolicy(this),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Accepted requests wait up to two weeks for a consumer that is down or behind.
      retentionPeriod: Duration.days(14),
      // AWS's rule for Lambda consumers: at least six times the function's timeout, so a
      // message is not handed out again while a (possibly throttled and retried) invocation still holds it.
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
      removalPolicy: removalPolicy(this),
    });

    this.consumer = new ServiceFunction(this, 'Consumer', {
      entry: handlerEntry(service, 'ingest'),
      description: `${service}: store the items accepted into the queue`,
      environment: { TABLE_NAME: table.tableName, DEAD_LETTER_QUEUE_URL: this.deadLetters.queueUrl },
      timeout: consumerTimeout,
    });
    table.grant(this.consumer.function, 'dynamodb:PutItem');
    // A message that is not an item goes to the dead letters at once, rather than five times round.
    this.deadLetters.grant(this.consumer.function, 'sqs:SendMessage');
    this.consumer.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        // Only the messages that failed are retried, not their whole batch.
        reportBatchItemFailures: true,
        // The table sees at most this many batches at once, however fast requests arrive.
        maxConcurrency: 10,
      }),
    );

    props.api.integrate(props.resource, { method: 'POST', body: 'create', parameters: {} }, this.sendMessage(service, props.api), [
      { statusCode: '202' },
      { statusCode: '500' },
      { statusCode: '503' },
    ]);

    const deadLettersAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: `${service}: messages the consumer could not store are waiting in the dead-letter queue`,
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const backlogAlarm = new Alarm(this, 'BacklogAlarm', {
      alarmDescription: `${service}: the oldest accepted request has waited more than 15 minutes for the consumer`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: Duration.minutes(15).toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const { monitoring } = props;
    monitoring.watchFunction('Consumer', this.consumer.function);
    monitoring.watch(deadLettersAlarm);
    monitoring.watch(backlogAlarm);
    const minute = { period: Duration.minutes(1), statistic: 'Maximum' };
    monitoring.addRow(
      new GraphWidget({
        title: 'Queue: waiting messages and the oldest one\'s age (s)',
        left: [this.queue.metricApproximateNumberOfMessagesVisible(minute)],
        right: [this.queue.metricApproximateAgeOfOldestMessage(minute)],
        width: 12,
      }),
      new GraphWidget({ title: 'Dead-letter queue: messages', left: [this.deadLetters.metricApproximateNumberOfMessagesVisible(minute)], width: 12 }),
    );

    new CfnOutput(this, 'QueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'DeadLettersUrl', { value: this.deadLetters.queueUrl });
  }

  /** SendMessage as API Gateway calls it, with a role that may do that and nothing else. */
  private sendMessage(service: string, api: ServiceApi): AwsIntegration {
    const role = new Role(this, 'ApiRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway: send POST /${service} bodies to the ${service} queue`,
    });
    this.queue.grant(role, 'sqs:SendMessage');

    const json = (body: object) => ({ 'application/json': JSON.stringify(body) });
    return new AwsIntegration({
      service: 'sqs',
      path: `${Stack.of(this).account}/${this.queue.queueName}`,
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: role,
        // Only a JSON body, already checked against the model, reaches the queue; other content types get 415.
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestParameters: {
          'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
          // SQS's query API answers XML unless asked for JSON, which the response template reads.
          'integration.request.header.Accept': "'application/json'",
        },
        requestTemplates: {
          'application/json': [...acceptedMessageTemplate(api.authorized), 'Action=SendMessage&MessageBody=$util.urlEncode($message)'].join('\n'),
        },
        integrationResponses: api.withCors([
          acceptedResponse,
          // SQS refusing a validated body means this stack is misconfigured: nothing the caller can fix.
          { statusCode: '500', selectionPattern: '4\\d{2}', responseTemplates: json({ message: 'Internal server error' }) },
          { statusCode: '503', selectionPattern: '5\\d{2}', responseTemplates: json({ message: 'Service unavailable: retry later.' }) },
        ]),
      },
    });
  }
}
