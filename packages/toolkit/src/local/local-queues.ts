import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalFunctions } from './functions.js';
import type { LocalApp } from './local-app.js';

/**
 * How long a failed message stays invisible before its retry. The deployed queue waits its
 * visibility timeout (minutes); locally a quarter of a second, so the way to the dead-letter queue takes
 * a second, not half an hour.
 */
export const localRetryDelayMs = 250;

interface Message {
  readonly messageId: string;
  readonly body: string;
  /** String message attributes, by name. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
}

export class LocalQueue {
  readonly messages: Message[] = [];
  deadLetters?: { readonly queue: LocalQueue; readonly maxReceiveCount: number };

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    /** How long a received message stays invisible to other consumers. */
    readonly visibilityTimeoutMs: number,
  ) {}

  send(body: string, attributes: Readonly<Record<string, string>> = {}): Message {
    const message = { messageId: randomUUID(), body, attributes, sentAt: Date.now(), receiveCount: 0, visibleAt: 0 };
    this.messages.push(message);
    return message;
  }

  /** Up to `max` visible messages, now in flight. */
  receive(max: number): Message[] {
    const now = Date.now();
    const batch = this.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + this.visibilityTimeoutMs;
    }
    return batch;
  }

  delete(message: Message) {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  /** A failed message: retried soon, or moved to the dead-letter queue once it has been received `maxReceiveCount` times. */
  fail(message: Message) {
    if (this.deadLetters && message.receiveCount >= this.deadLetters.maxReceiveCount) {
      this.delete(message);
      this.deadLetters.queue.messages.push({ ...message, visibleAt: 0 });
    } else {
      message.visibleAt = Date.now() + localRetryDelayMs;
    }
  }
}

/**
 * The app's SQS queues in memory, with the semantics the consumers rely on: at-least-once
 * delivery, receive counts, partial batch failures, and the redrive to a dead-letter queue.
 * API Gateway's SendMessage integration and the functions' SQS event sources use them.
 */
export class LocalQueues {
  readonly queues: LocalQueue[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly app: LocalApp,
    private readonly functions: LocalFunctions,
  ) {
    this.queues = app
      .ofType('AWS::SQS::Queue')
      .map((queue) => new LocalQueue(app.referenceTo(queue, 'QueueName'), app.referenceTo(queue, 'Arn'), app.referenceTo(queue), Number(queue.properties.VisibilityTimeout ?? 30) * 1000));
    for (const [index, queue] of app.ofType('AWS::SQS::Queue').entries()) {
      const redrive = queue.properties.RedrivePolicy;
      const target = redrive && this.byArn(redrive.deadLetterTargetArn);
      if (target) this.queues[index]!.deadLetters = { queue: target, maxReceiveCount: Number(redrive.maxReceiveCount) };
    }
  }

  /** What each queue holds, for `/__dev/queues`: its URL, and the messages waiting (or in flight) with how often each was received. */
  state() {
    return Object.fromEntries(
      this.queues.map((queue) => [
        queue.name,
        { url: queue.url, messages: queue.messages.map(({ messageId, body, attributes, receiveCount }) => ({ messageId, body, attributes, receiveCount })) },
      ]),
    );
  }

  byArn(arn: string): LocalQueue | undefined {
    return this.queues.find((queue) => queue.arn === arn);
  }

  /** API Gateway's `Action=SendMessage&MessageBody=…` call (the SQS query API, answered in JSON). */
  sendMessage(queueName: string, form: URLSearchParams): { status: number; body: unknown } {
    const queue = this.queues.find((candidate) => candidate.name === queueName);
    if (!queue) return { status: 400, body: { Error: { Code: 'AWS.SimpleQueueService.NonExistentQueue', Message: `The queue ${queueName} does not exist.` } } };
    if (form.get('Action') !== 'SendMessage') return { status: 400, body: { Error: { Code: 'InvalidAction', Message: `Not emulated: ${form.get('Action')}` } } };
    const body = form.get('MessageBody') ?? '';
    const { messageId } = queue.send(body);
    return {
      status: 200,
      body: { SendMessageResponse: { SendMessageResult: { MessageId: messageId, MD5OfMessageBody: md5(body) }, ResponseMetadata: { RequestId: randomUUID() } } },
    };
  }

  /**
   * SQS's own `SendMessage` (the JSON protocol the AWS SDK speaks), for functions that send to
   * a queue (the consumer, to its dead letters) and for tests that play another producer.
   */
  sendMessageJson(request: { QueueUrl?: string; MessageBody?: string; MessageAttributes?: Record<string, { StringValue?: string }> }): { status: number; body: unknown } {
    const queue = this.queues.find((candidate) => candidate.url === request.QueueUrl);
    if (!queue) return { status: 400, body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: `The queue ${request.QueueUrl} does not exist.` } };
    if (!request.MessageBody) return { status: 400, body: { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'MessageBody is required.' } };
    const attributes = Object.fromEntries(Object.entries(request.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']));
    const { messageId } = queue.send(request.MessageBody, attributes);
    return { status: 200, body: { MessageId: messageId, MD5OfMessageBody: md5(request.MessageBody) } };
  }

  /** Starts polling each queue that feeds a function, as Lambda's event source mappings do. */
  start() {
    for (const mapping of this.app.ofType('AWS::Lambda::EventSourceMapping')) {
      const queue = this.byArn(mapping.properties.EventSourceArn);
      if (queue) this.poll(queue, mapping.properties);
    }
  }

  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private poll(queue: LocalQueue, mapping: Record<string, any>) {
    const batchSize = Number(mapping.BatchSize ?? 10);
    const partial = (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures');
    const tick = async () => {
      const batch = queue.receive(batchSize);
      if (batch.length > 0) {
        let failed: Set<string>;
        try {
          const result = (await this.functions.invoke(mapping.FunctionName, sqsEvent(queue, batch))) as SQSBatchResponse | undefined;
          failed = new Set(partial ? (result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier) : []);
        } catch {
          // The function failed as a whole: every message of the batch is retried.
          failed = new Set(batch.map((message) => message.messageId));
        }
        for (const message of batch) (failed.has(message.messageId) ? queue.fail(message) : queue.delete(message));
      }
      if (!this.stopped) this.schedule(tick, batch.length > 0 ? 0 : 100);
    };
    this.schedule(tick, 0);
  }

  private schedule(tick: () => Promise<void>, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void tick();
    }, ms);
    this.timers.add(timer);
  }
}

function sqsEvent(queue: LocalQueue, batch: readonly Message[]): SQSEvent {
  const region = queue.arn.split(':')[3]!;
  return {
    Records: batch.map(
      (message): SQSRecord => ({
        messageId: message.messageId,
        receiptHandle: Buffer.from(`${message.messageId}:${message.receiveCount}`).toString('base64'),
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'AROALOCAL:apigateway',
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        },
        messageAttributes: Object.fromEntries(
          Object.entries(message.attributes).map(([name, value]) => [name, { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] }]),
        ),
        md5OfBody: md5(message.body),
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: region,
      }),
    ),
  };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
