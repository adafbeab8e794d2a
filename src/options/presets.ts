import type { Answers, PresetId } from './answers.js';

export interface Preset {
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  /** The answers that make the pattern what it is; prompts ask only the others. */
  readonly answers: Partial<Answers>;
  /** Starting values for answers the user is still asked about. */
  readonly defaults?: Partial<Answers>;
}

/** The seven patterns of the seed article, each just a named set of answers. */
export const presets: { readonly [P in PresetId]: Preset } = {
  api: {
    number: 1,
    title: 'Backend API',
    summary: 'API Gateway → one Lambda per operation → DynamoDB',
    answers: { frontend: 'none', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  microservices: {
    number: 2,
    title: 'Microservices',
    summary: 'one stack per service (API, functions, table), one account or one per service',
    answers: { frontend: 'none', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [] },
    defaults: { services: ['orders', 'catalog'] },
  },
  spa: {
    number: 3,
    title: 'SPA + API',
    summary: 'React SPA on private S3 behind CloudFront, calling the API with CORS',
    answers: { frontend: 'spa', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  'spa-regional-api': {
    number: 4,
    title: 'SPA + regional API behind CloudFront',
    summary: 'as 3, with a REGIONAL API reached only through CloudFront',
    answers: { frontend: 'spa', apiAccess: 'cloudfront', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  'spa-same-origin': {
    number: 5,
    title: 'SPA + API on one origin',
    summary: 'one distribution: / → S3, /api/* → API; no CORS, no preflight',
    answers: { frontend: 'spa', apiAccess: 'same-origin', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  'storage-first': {
    number: 6,
    title: 'Storage-first ingestion',
    summary: 'API Gateway writes straight to SQS or Kinesis; a Lambda consumes into DynamoDB',
    answers: { ingest: 'sqs', frontend: 'none', apiAccess: 'direct', auth: 'none', edge: [], accounts: 'single' },
  },
  secure: {
    number: 7,
    title: 'Secure SPA + API',
    summary: 'pattern 5 with Cognito, an API authorizer and Lambda@Edge protections',
    answers: {
      frontend: 'spa',
      apiAccess: 'same-origin',
      ingest: 'none',
      auth: 'cognito',
      edge: ['site-auth', 'security-headers'],
      accounts: 'single',
    },
  },
};
