import type { IngestKind } from '../options/choices.js';

/**
 * Storage-first ingestion as the templates and the README see it: where POST bodies go
 * instead of a create function, and which construct builds that.
 */
export interface IngestTarget {
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
  /** The statuses POST answers with. */
  readonly status: string;
  /** A stream (records in order per shard, read by position) rather than a queue. */
  readonly stream: boolean;
}

const ingestTargets = {
  sqs: {
    construct: 'SqsIngest',
    file: 'sqs-ingest',
    store: 'an SQS queue',
    label: 'SQS queue',
    action: 'SendMessage',
    receipt: '{ "id": "…" }',
    status: '202, 400, 500, 503',
    stream: false,
  },
  kinesis: {
    construct: 'KinesisIngest',
    file: 'kinesis-ingest',
    store: 'a Kinesis stream',
    label: 'Kinesis stream',
    action: 'PutRecord',
    receipt: '{ "id": "…" }',
    // A throttled put answers 429.
    status: '202, 400, 429, 500, 503',
    stream: true,
  },
} as const satisfies Record<Exclude<IngestKind, 'none'>, IngestTarget>;

/** Where POST bodies go with --ingest, or undefined without it. */
export function ingestTarget(kind: IngestKind): IngestTarget | undefined {
  return kind === 'none' ? undefined : ingestTargets[kind];
}
