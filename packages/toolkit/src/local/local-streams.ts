import { createHash, randomUUID } from 'node:crypto';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { LocalFunctions } from './functions.js';
import type { LocalApp } from './local-app.js';
import type { LocalQueues } from './local-queues.js';

interface StreamRecord {
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: string;
  readonly arrivedAt: number;
}

interface Shard {
  readonly id: string;
  readonly records: StreamRecord[];
}

/** An on-demand stream starts with four shards; a provisioned one has its ShardCount. */
const onDemandShards = 4;

export class LocalStream {
  readonly shards: Shard[];
  private sequence = 0n;

  constructor(
    readonly name: string,
    readonly arn: string,
    shardCount: number,
  ) {
    this.shards = Array.from({ length: shardCount }, (_, index) => ({ id: `shardId-${String(index).padStart(12, '0')}`, records: [] }));
  }

  /** Kinesis puts a record on the shard whose hash-key range holds the MD5 of its partition key, so one key keeps its order. */
  put(partitionKey: string, data: string): { ShardId: string; SequenceNumber: string } {
    const hash = BigInt(`0x${createHash('md5').update(partitionKey).digest('hex')}`);
    const shard = this.shards[Number((hash * BigInt(this.shards.length)) >> 128n)]!;
    this.sequence += 1n;
    const sequenceNumber = (10n ** 55n + this.sequence).toString();
    shard.records.push({ sequenceNumber, partitionKey, data, arrivedAt: Date.now() });
    return { ShardId: shard.id, SequenceNumber: sequenceNumber };
  }
}

/**
 * The app's Kinesis streams in memory, and their consumers as Lambda runs them: one batch
 * per shard at a time in order, partial batch failures, bisecting a failing batch, a retry
 * limit, then a note of what was skipped on the failure destination (a dead-letter queue).
 */
export class LocalStreams {
  readonly streams: LocalStream[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly app: LocalApp,
    private readonly functions: LocalFunctions,
    private readonly queues: LocalQueues,
  ) {
    this.streams = app
      .ofType('AWS::Kinesis::Stream')
      .map((stream) => new LocalStream(app.referenceTo(stream), app.referenceTo(stream, 'Arn'), Number(stream.properties.ShardCount ?? onDemandShards)));
  }

  /** What each stream holds, for `/__dev/streams`: its ARN and how many records each shard has. */
  state() {
    return Object.fromEntries(
      this.streams.map((stream) => [stream.name, { arn: stream.arn, shards: stream.shards.map((shard) => ({ id: shard.id, records: shard.records.length })) }]),
    );
  }

  /** Kinesis's PutRecord (its JSON API), as API Gateway and the AWS SDK call it. */
  putRecord(request: { StreamName?: string; StreamARN?: string; PartitionKey?: string; Data?: string }): { status: number; body: unknown } {
    const stream = this.streams.find((candidate) => candidate.arn === request.StreamARN || candidate.name === request.StreamName);
    if (!stream) return { status: 400, body: { __type: 'ResourceNotFoundException', message: `Stream ${request.StreamARN ?? request.StreamName} not found.` } };
    if (!request.PartitionKey || request.Data === undefined) return { status: 400, body: { __type: 'ValidationException', message: 'PartitionKey and Data are required.' } };
    return { status: 200, body: stream.put(request.PartitionKey, request.Data) };
  }

  start() {
    for (const mapping of this.app.ofType('AWS::Lambda::EventSourceMapping')) {
      const stream = this.streams.find((candidate) => candidate.arn === mapping.properties.EventSourceArn);
      if (stream) for (const shard of stream.shards) this.consume(stream, shard, mapping.properties);
    }
  }

  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private consume(stream: LocalStream, shard: Shard, mapping: Record<string, any>) {
    const settings = {
      batchSize: Number(mapping.BatchSize ?? 100),
      partial: (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      bisect: mapping.BisectBatchOnFunctionError === true,
      maxRetries: Number(mapping.MaximumRetryAttempts ?? -1),
      onFailure: mapping.DestinationConfig?.OnFailure?.Destination as string | undefined,
      functionName: mapping.FunctionName as string,
    };
    // TRIM_HORIZON reads what the stream already holds; LATEST only what arrives from now on.
    let position = mapping.StartingPosition === 'LATEST' ? shard.records.length : 0;
    const tick = async () => {
      const batch = shard.records.slice(position, position + settings.batchSize);
      if (batch.length > 0) {
        await this.process(stream, shard, batch, 0, settings);
        position += batch.length;
      }
      if (!this.stopped) this.schedule(tick, batch.length > 0 ? 0 : 100);
    };
    this.schedule(tick, 0);
  }

  /** One batch until it succeeds, its retries run out (then it is named on the failure destination), or it is split. */
  private async process(stream: LocalStream, shard: Shard, batch: readonly StreamRecord[], attempt: number, settings: ConsumerSettings): Promise<void> {
    let failedFrom: number;
    try {
      const result = (await this.functions.invoke(settings.functionName, kinesisEvent(stream, shard, batch))) as KinesisStreamBatchResponse | undefined;
      const failures = new Set(settings.partial ? (result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier) : []);
      failedFrom = batch.findIndex((record) => failures.has(record.sequenceNumber));
      if (failedFrom < 0) return;
    } catch {
      failedFrom = 0;
    }
    // Records before the first failure are done; the rest is retried.
    const rest = batch.slice(failedFrom);
    if (settings.maxRetries >= 0 && attempt >= settings.maxRetries) return this.giveUp(stream, shard, rest, attempt + 1, settings);
    if (settings.bisect && rest.length > 1) {
      const half = Math.ceil(rest.length / 2);
      await this.process(stream, shard, rest.slice(0, half), attempt + 1, settings);
      await this.process(stream, shard, rest.slice(half), attempt + 1, settings);
    } else {
      await this.process(stream, shard, rest, attempt + 1, settings);
    }
  }

  /** What Lambda sends the on-failure destination: where the skipped records are, not the records. */
  private giveUp(stream: LocalStream, shard: Shard, records: readonly StreamRecord[], invokeCount: number, settings: ConsumerSettings) {
    const destination = settings.onFailure && this.queues.byArn(settings.onFailure);
    if (!destination) return;
    destination.send(
      JSON.stringify({
        requestContext: { requestId: randomUUID(), functionArn: settings.functionName, condition: 'RetryAttemptsExhausted', approximateInvokeCount: invokeCount },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: new Date().toISOString(),
        KinesisBatchInfo: {
          shardId: shard.id,
          startSequenceNumber: records[0]!.sequenceNumber,
          endSequenceNumber: records.at(-1)!.sequenceNumber,
          approximateArrivalOfFirstRecord: new Date(records[0]!.arrivedAt).toISOString(),
          approximateArrivalOfLastRecord: new Date(records.at(-1)!.arrivedAt).toISOString(),
          batchSize: records.length,
          streamArn: stream.arn,
        },
      }),
    );
  }

  private schedule(tick: () => Promise<void>, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void tick();
    }, ms);
    this.timers.add(timer);
  }
}

interface ConsumerSettings {
  readonly batchSize: number;
  readonly partial: boolean;
  readonly bisect: boolean;
  readonly maxRetries: number;
  readonly onFailure?: string;
  readonly functionName: string;
}

function kinesisEvent(stream: LocalStream, shard: Shard, batch: readonly StreamRecord[]): KinesisStreamEvent {
  const region = stream.arn.split(':')[3]!;
  return {
    Records: batch.map(
      (record): KinesisStreamRecord => ({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: record.partitionKey,
          sequenceNumber: record.sequenceNumber,
          data: record.data,
          approximateArrivalTimestamp: record.arrivedAt / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shard.id}:${record.sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::000000000000:role/${stream.name}-consumer`,
        awsRegion: region,
        eventSourceARN: stream.arn,
      }),
    ),
  };
}
