import { EventType } from '@aws-lambda-powertools/batch';
import type { KinesisStreamRecord } from 'aws-lambda';
import { batchHandler } from '../lib/accepted.js';

/**
 * Reads the stream API Gateway writes POST bodies into: each record becomes an item.
 * A failed record is reported by its sequence number; Lambda then retries the shard from
 * there, so records after it in the batch come again too. That is harmless: writes are
 * idempotent, and they are all creates, so their order does not matter. A record that is
 * not an item goes to the dead-letter queue at once, so it never holds up its shard.
 */
export const handler = batchHandler(EventType.KinesisDataStreams, ({ eventID, kinesis }: KinesisStreamRecord) => ({
  itemIdentifier: kinesis.sequenceNumber,
  body: Buffer.from(kinesis.data, 'base64').toString('utf8'),
  acceptedAt: new Date(kinesis.approximateArrivalTimestamp * 1000),
  // eventID is "<shard id>:<sequence number>".
  origin: { shardId: eventID.split(':')[0]!, sequenceNumber: kinesis.sequenceNumber },
}));
