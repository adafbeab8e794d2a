import type { Answers } from '../options/answers.js';

/**
 * Storage-first ingestion as the templates and the README see it: where POST bodies go
 * instead of a create function, and which construct builds that. Undefined without it.
 */
export interface StorageFirst {
  /** The class in infra/constructs/<file>.ts. */
  readonly construct: string;
  readonly file: string;
  /** What API Gateway writes to, in prose: "an SQS queue". */
  readonly store: string;
  /** The same, as a diagram label. */
  readonly label: string;
  /** The AWS action API Gateway calls. */
  readonly action: string;
  /** The 202 body, as the README shows it. */
  readonly receipt: string;
  /** A stream (records in order per shard, read by position) rather than a queue. */
  readonly stream: boolean;
}

const kinds = {
  sqs: { construct: 'SqsIngest', file: 'sqs-ingest', store: 'an SQS queue', label: 'SQS queue', action: 'SendMessage', receipt: '{ "messageId": "…" }', stream: false },
  kinesis: { construct: 'KinesisIngest', file: 'kinesis-ingest', store: 'a Kinesis stream', label: 'Kinesis stream', action: 'PutRecord', receipt: '{ "shardId": "…", "sequenceNumber": "…" }', stream: true },
} as const satisfies Record<Exclude<Answers['ingest'], 'none'>, StorageFirst>;

export function storageFirst(answers: Answers): StorageFirst | undefined {
  return answers.ingest === 'none' ? undefined : kinds[answers.ingest];
}
