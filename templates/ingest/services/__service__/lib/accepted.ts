import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { type Item, newItem } from './item.js';
import { createItem } from './repository.js';

// zod/mini ships no messages; English ones make the log say why a record was refused.
z.config(en());

/** One request API Gateway accepted into the queue or stream, as the consumer reads it back. */
export interface Accepted {
  /** What Lambda retries the record by: the SQS message id or the Kinesis sequence number. */
  readonly itemIdentifier: string;
  /** The request body, as the API model checked it. */
  readonly body: string;
  /** Names the message in its queue or stream, and stays the same on every redelivery. */
  readonly messageKey: string;
  /** When API Gateway accepted the request: the item's createdAt, whenever it is processed. */
  readonly acceptedAt: Date;
}

export interface BatchResult {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/**
 * Stores every record of a batch and names the ones that failed, so Lambda retries only
 * those (ReportBatchItemFailures) instead of the whole batch. Records are independent
 * creates, so they are written concurrently, and a failure does not hold back the others.
 */
export async function storeBatch<R>(records: readonly R[], read: (record: R) => Accepted): Promise<BatchResult> {
  const accepted = records.map(read);
  const outcomes = await Promise.allSettled(accepted.map(storeAccepted));
  const batchItemFailures: { itemIdentifier: string }[] = [];
  let stored = 0;
  let duplicates = 0;
  outcomes.forEach((outcome, index) => {
    const { itemIdentifier } = accepted[index]!;
    if (outcome.status === 'rejected') {
      console.error('Record not stored; it will be retried, then dead-lettered', { itemIdentifier, error: reasonOf(outcome.reason) });
      batchItemFailures.push({ itemIdentifier });
    } else if (outcome.value === 'duplicate') {
      duplicates += 1;
    } else {
      stored += 1;
    }
  });
  console.info('Batch processed', { records: records.length, stored, duplicates, failed: batchItemFailures.length });
  return { batchItemFailures };
}

/** A record whose body is not an item: retrying cannot fix it, so it ends in the dead letters. */
export class InvalidRecord extends Error {
  constructor(
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/**
 * Writes one accepted request as an item, at most once. The id is the one the client sent,
 * or else derived from the message, so a redelivery (SQS and Kinesis both deliver at least
 * once) finds its item already stored and is skipped: 'duplicate', not an error.
 */
export async function storeAccepted({ body, messageKey, acceptedAt }: Accepted): Promise<'stored' | 'duplicate'> {
  const { id = idFor(messageKey), ...input } = parseItem(body);
  const at = acceptedAt.toISOString();
  const item: Item = { ...input, id, createdAt: at, updatedAt: at };
  return (await createItem(item)) ? 'stored' : 'duplicate';
}

function parseItem(body: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new InvalidRecord('The body is not JSON.');
  }
  const result = newItem.safeParse(raw);
  if (!result.success) {
    throw new InvalidRecord('The body is not a valid item.', result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return result.data;
}

/** A UUID (RFC 9562 version 8) derived from a message key: the same key always gives the same id. */
export function idFor(messageKey: string): string {
  const bytes = createHash('sha256').update(messageKey).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function reasonOf(error: unknown) {
  if (error instanceof InvalidRecord) return { message: error.message, issues: error.issues };
  // Anything else (throttling, a network error) is logged whole: it is ours, not the caller's.
  return error;
}
