import { EventType } from '@aws-lambda-powertools/batch';
import type { SQSRecord } from 'aws-lambda';
import { batchHandler } from '../lib/accepted.js';

/**
 * Drains the queue API Gateway writes POST bodies into: each message becomes an item.
 * Failed messages are reported one by one; SQS makes them visible again after the
 * visibility timeout and moves them to the dead-letter queue after five receives. A message
 * that is not an item goes there at once.
 */
export const handler = batchHandler(EventType.SQS, (message: SQSRecord) => ({
  itemIdentifier: message.messageId,
  body: message.body,
  acceptedAt: new Date(Number(message.attributes.SentTimestamp)),
  origin: { messageId: message.messageId },
}));
