import type { AccountMode, ApiAccess, AuthMode, EdgeFeature, Frontend, IngestKind } from './choices.js';

/** The answers a preset fixes: the shape of the architecture, never names or limits. */
export interface PresetAnswers {
  readonly frontend?: Frontend;
  readonly apiAccess?: ApiAccess;
  readonly ingest?: IngestKind;
  readonly auth?: AuthMode;
  readonly edge?: readonly EdgeFeature[];
  readonly accounts?: AccountMode;
  readonly waf?: boolean;
}

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** The answers that make the pattern what it is; prompts ask only the others. */
  readonly answers: PresetAnswers;
  /** Starting values for answers the user is still asked about. */
  readonly defaults?: { readonly services?: readonly string[] };
  /** Answers the preset narrows rather than fixes: asked even when its features are not customised, offering only these values. */
  readonly asks?: { readonly [K in Exclude<keyof PresetAnswers, 'edge' | 'waf'>]?: readonly NonNullable<PresetAnswers[K]>[] };
}

/**
 * The patterns of the seed article, each just a named set of answers. Their numbers (for
 * `--pattern 3`, the prompt and the README) are their places in this list.
 */
export const presets = [
  {
    id: 'api',
    title: 'Backend API',
    summary: 'API Gateway → one Lambda per operation → DynamoDB',
    answers: { frontend: 'none', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  {
    id: 'microservices',
    title: 'Microservices',
    summary: 'one stack per service (API, functions, table), one account or one per service',
    answers: { frontend: 'none', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [] },
    defaults: { services: ['orders', 'catalog'] },
  },
  {
    id: 'spa',
    title: 'SPA + API',
    summary: 'React SPA on private S3 behind CloudFront, calling the API with CORS',
    answers: { frontend: 'spa', apiAccess: 'direct', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  {
    id: 'spa-regional-api',
    title: 'SPA + regional API behind CloudFront',
    summary: 'as 3, with a REGIONAL API reached only through CloudFront',
    answers: { frontend: 'spa', apiAccess: 'cloudfront', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  {
    id: 'spa-same-origin',
    title: 'SPA + API on one origin',
    summary: 'one distribution: / → S3, /api/* → API; no CORS, no preflight',
    answers: { frontend: 'spa', apiAccess: 'same-origin', ingest: 'none', auth: 'none', edge: [], accounts: 'single' },
  },
  {
    id: 'storage-first',
    title: 'Storage-first ingestion',
    summary: 'API Gateway writes straight to SQS or Kinesis; a Lambda consumes into DynamoDB',
    answers: { ingest: 'sqs', frontend: 'none', apiAccess: 'direct', auth: 'none', edge: [], accounts: 'single' },
    asks: { ingest: ['sqs', 'kinesis'] },
  },
  {
    id: 'secure',
    title: 'Secure SPA + API',
    summary: 'pattern 5 with Cognito, an API authorizer and Lambda@Edge protections',
    answers: { frontend: 'spa', apiAccess: 'same-origin', ingest: 'none', auth: 'cognito', edge: ['site-auth', 'security-headers'], accounts: 'single', waf: true },
  },
] as const satisfies readonly Preset[];

export type PresetId = (typeof presets)[number]['id'];

export const presetIds = presets.map((preset) => preset.id) as unknown as readonly [PresetId, ...PresetId[]];

/** A preset with its number: its place in the list, from 1. */
export function presetOf(id: PresetId): Preset & { readonly id: PresetId; readonly number: number } {
  const index = presetIds.indexOf(id);
  return { ...presets[index]!, number: index + 1 };
}

/** `--pattern 3` is the third preset; anything else is left for the schema to check. */
export function presetIdFromNumber(raw: string): string {
  return /^[1-9]\d*$/.test(raw) ? (presetIds[Number(raw) - 1] ?? raw) : raw;
}
