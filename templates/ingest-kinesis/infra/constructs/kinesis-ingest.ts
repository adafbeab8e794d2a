import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsIntegration, type IResource, PassthroughBehavior } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, GraphWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamSettings } from '../config-types.js';
import { type Stage, stageOf } from '../stage.js';
import { acceptedMessageTemplate, acceptedResponse } from './accepted-message.js';
import { removalPolicy } from './removal-policy.js';
import type { ServiceApi } from './service-api.js';
import { handlerEntry, ServiceFunction } from './service-function.js';
import type { ServiceMonitoring } from './service-monitoring.js';

export interface KinesisIngestProps {
  readonly service: string;
  readonly api: ServiceApi;
  /** The collection resource (`/<service>`): POST on it goes into the stream. */
  readonly resource: IResource;
  readonly table: ITableV2;
  /** The service's alarms and dashboard: the consumer, the backlog and the dead letters join them. */
  readonly monitoring: ServiceMonitoring;
}

/**
 * Storage-first writes through Kinesis: API Gateway puts each valid POST body straight into
 * an encrypted stream (PutRecord, no function in the request path) and answers 202 with the
 * id the item will have; a consumer function stores the records in the table. The stream's
 * capacity and how long it keeps requests (for a consumer that is down or behind, and to
 * replay) are the stage's `stream` setting; records the consumer gives up on are named in a
 * dead-letter queue, and records that can never become an item are put there whole.
 */
export class KinesisIngest extends Construct {
  readonly stream: Stream;
  readonly deadLetters: Queue;
  readonly consumer: ServiceFunction;

  constructor(scope: Construct, id: string, props: KinesisIngestProps) {
    super(scope, id);
    const { service, table } = props;

    const { capacity, retentionHours } = streamSettings(stageOf(this));
    this.stream = new Stream(this, 'Stream', {
      ...(capacity === 'on-demand' ? { streamMode: StreamMode.ON_DEMAND } : { streamMode: StreamMode.PROVISIONED, shardCount: capacity.shards }),
      encryption: StreamEncryption.MANAGED,
      // Long enough that a record named in the dead letters can still be read and replayed.
      retentionPeriod: Duration.hours(retentionHours),
      // Deleted with its stack whatever dataRemoval says: the table holds the data, and a
      // stream is billed by the hour for as long as it exists, even idle.
      // Records not yet consumed go with it: let the consumer catch up before a destroy.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Lambda sends it a pointer (shard, sequence numbers) to each batch it gave up on, not the
    // data; the consumer sends it records that are not items, whole, with the reason.
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: removalPolicy(this),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the dead-letter destination of the stream's consumer; a dead-letter queue of its own would only move the same pointers again.",
    });

    this.consumer = new ServiceFunction(this, 'Consumer', {
      entry: handlerEntry(service, 'ingest'),
      description: `${service}: store the items accepted into the stream`,
      environment: { TABLE_NAME: table.tableName, DEAD_LETTER_QUEUE_URL: this.deadLetters.queueUrl },
      timeout: Duration.seconds(30),
    });
    table.grant(this.consumer.function, 'dynamodb:PutItem');
    this.consumer.function.addEventSource(
      new KinesisEventSource(this.stream, {
        // Records accepted before the consumer existed are still items to store.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Only the failed record and those after it are retried, not the whole batch...
        reportBatchItemFailures: true,
        // ...and a batch that fails as a whole is halved until the bad record stands alone.
        bisectBatchOnError: true,
        retryAttempts: 5,
        // A day behind is an incident, not a backlog: skip ahead and name what was skipped.
        maxRecordAge: Duration.days(1),
        // Also lets the consumer send to the queue, which it does with records that are not items.
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );

    props.api.integrate(props.resource, { method: 'POST', body: 'create', parameters: {} }, this.putRecord(service, props.api), [
      { statusCode: '202' },
      { statusCode: '429' },
      { statusCode: '500' },
      { statusCode: '503' },
    ]);

    const deadLettersAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: `${service}: the consumer gave up on records; the dead-letter queue says which`,
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const backlogAlarm = new Alarm(this, 'BacklogAlarm', {
      alarmDescription: `${service}: the consumer is more than 15 minutes behind the stream`,
      metric: this.consumer.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: Duration.minutes(15).toMilliseconds(),
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
        title: 'Stream: records in, and how far behind the consumer is (ms)',
        left: [this.stream.metricIncomingRecords({ period: Duration.minutes(1), statistic: 'Sum' })],
        right: [this.consumer.function.metric('IteratorAge', minute)],
        width: 12,
      }),
      new GraphWidget({ title: 'Dead-letter queue: messages', left: [this.deadLetters.metricApproximateNumberOfMessagesVisible(minute)], width: 12 }),
    );

    new CfnOutput(this, 'StreamName', { value: this.stream.streamName });
    new CfnOutput(this, 'DeadLettersUrl', { value: this.deadLetters.queueUrl });
  }

  /** PutRecord as API Gateway calls it, with a role that may do that and nothing else. */
  private putRecord(service: string, api: ServiceApi): AwsIntegration {
    const role = new Role(this, 'ApiRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway: put POST /${service} bodies into the ${service} stream`,
    });
    this.stream.grant(role, 'kinesis:PutRecord');

    const json = (body: object) => ({ 'application/json': JSON.stringify(body) });
    return new AwsIntegration({
      service: 'kinesis',
      action: 'PutRecord',
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: role,
        // Only a JSON body, already checked against the model, reaches the stream; other content types get 415.
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.1'" },
        requestTemplates: {
          'application/json': [
            ...acceptedMessageTemplate(api.authorized),
            '{',
            `  "StreamARN": "${this.stream.streamArn}",`,
            // One key per request, the item's id: records spread evenly over the shards.
            '  "PartitionKey": "$context.requestId",',
            '  "Data": "$util.base64Encode($message)"',
            '}',
          ].join('\n'),
        },
        integrationResponses: api.withCors([
          acceptedResponse,
          {
            // Kinesis answers 400 both when it is throttling (the caller should retry) and when this
            // stack is misconfigured (nothing the caller can fix); the error type tells them apart.
            statusCode: '500',
            selectionPattern: '4\\d{2}',
            responseTemplates: {
              'application/json': [
                "#set($type = \"$!input.path('$.__type')\")",
                "#if($type.contains('ProvisionedThroughputExceeded') || $type.contains('Throttling'))",
                '#set($context.responseOverride.status = 429)',
                JSON.stringify({ message: 'Too many requests: retry later.' }),
                '#else',
                JSON.stringify({ message: 'Internal server error' }),
                '#end',
              ].join('\n'),
            },
          },
          { statusCode: '503', selectionPattern: '5\\d{2}', responseTemplates: json({ message: 'Service unavailable: retry later.' }) },
        ]),
      },
    });
  }
}

/** The stage's `stream` setting, refused with its name in infra/config.ts where Kinesis would refuse it at deploy. */
function streamSettings(stage: Stage): StreamSettings {
  const { capacity, retentionHours } = stage.stream;
  const setting = `infra/config.ts: stages.${stage.name}.stream`;
  if (capacity !== 'on-demand' && !(Number.isInteger(capacity.shards) && capacity.shards >= 1)) {
    throw new Error(`${setting}.capacity must be 'on-demand' or { shards: n } with a whole number of shards from 1, not ${JSON.stringify(capacity)}`);
  }
  if (!(Number.isInteger(retentionHours) && retentionHours >= 24 && retentionHours <= 8760)) {
    throw new Error(`${setting}.retentionHours must be a whole number of hours from 24 to 8760, not ${JSON.stringify(retentionHours)}`);
  }
  return { capacity, retentionHours };
}
