import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { traced } from './powertools.js';

// Created once per execution environment, at module scope, and reused by every invocation.
const client = traced(new SQSClient({}));
const QueueUrl = process.env.DEAD_LETTER_QUEUE_URL;

/**
 * Puts a record that can never be stored into the dead-letter queue, as it arrived, with
 * why and where it came from as message attributes. Its alarm goes off, and once the cause
 * is fixed the message can be sent again as it is.
 */
export async function deadLetter(body: string, reason: string, origin: Readonly<Record<string, string>>): Promise<void> {
  const attributes = { reason, ...origin };
  await client.send(
    new SendMessageCommand({
      QueueUrl,
      MessageBody: body,
      MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }])),
    }),
  );
}
