import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { storeBatch } from '../lib/accepted.js';

/**
 * Reads the stream API Gateway writes POST bodies into: each record becomes an item.
 * A failed record is reported by its sequence number; Lambda then retries the shard from
 * there, so records after it in the batch come again too. That is harmless: writes are
 * idempotent, and they are all creates, so their order does not matter.
 */
export const handler = async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> =>
  storeBatch(event.Records, ({ eventID, kinesis }) => ({
    itemIdentifier: kinesis.sequenceNumber,
    body: Buffer.from(kinesis.data, 'base64').toString('utf8'),
    // "<shard id>:<sequence number>": unique in the stream and the same on every retry.
    messageKey: eventID,
    acceptedAt: new Date(kinesis.approximateArrivalTimestamp * 1000),
  }));
