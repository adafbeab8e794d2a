import { type EdgeFeature, edgeFeatureTable } from './edge-features.js';

/**
 * Every set of values an answer can take, each listed once: the schema checks against these,
 * the prompts offer them, and --help and the README name them from here.
 */
export interface Choice<V extends string = string> {
  readonly value: V;
  readonly label: string;
  readonly hint: string;
}

export const accountModes = [
  { value: 'single', label: 'One account', hint: 'all services in the same AWS account' },
  { value: 'multi', label: 'One account per service', hint: 'each team owns its account' },
] as const satisfies readonly Choice[];

export const frontends = [
  { value: 'none', label: 'None', hint: 'API only' },
  { value: 'spa', label: 'React SPA', hint: 'on private S3 behind CloudFront' },
] as const satisfies readonly Choice[];

export const apiAccessModes = [
  { value: 'direct', label: 'Direct', hint: "the API's own endpoint, CORS from the site's origin" },
  { value: 'cloudfront', label: 'Through CloudFront', hint: 'a REGIONAL API behind its own distribution' },
  { value: 'same-origin', label: 'Same origin', hint: '/api/* on the site: no CORS, no preflight' },
] as const satisfies readonly Choice[];

export const ingestKinds = [
  { value: 'none', label: 'None', hint: '' },
  { value: 'sqs', label: 'SQS', hint: 'API Gateway → queue → Lambda' },
  { value: 'kinesis', label: 'Kinesis', hint: 'API Gateway → stream → Lambda' },
] as const satisfies readonly Choice[];

export const authModes = [
  { value: 'none', label: 'None', hint: 'a public API' },
  { value: 'cognito', label: 'Cognito', hint: 'user pool and authorizer' },
  { value: 'lambda', label: 'Lambda authorizer', hint: 'verifies a JWT' },
  { value: 'cognito,lambda', label: 'Both', hint: '' },
] as const satisfies readonly Choice[];

/** Where the project's CI/CD runs: the workflows it gets, and the stack of roles they deploy with. */
export const ciProviders = [
  { value: 'github', label: 'GitHub Actions', hint: 'checks on pull requests, deploys per stage, a preview per pull request' },
  { value: 'none', label: 'None', hint: 'deploy from your own machine' },
] as const satisfies readonly Choice[];

/** The authorizers one by one, as the prompt offers them to check: `cognito,lambda` is both checked. */
export const authorizerChoices = authModes.filter((mode) => mode.value !== 'none' && !mode.value.includes(','));

/** --edge is a list: each feature is offered by its own name. */
export const edgeChoices = edgeFeatureTable.map(({ value }) => ({ value, label: value, hint: '' })) satisfies readonly Choice[];

/** The values alone, as the tuple zod's enum takes. */
export function valuesOf<const C extends readonly { readonly value: string }[]>(choices: C): { readonly [I in keyof C]: C[I]['value'] } {
  return choices.map((choice) => choice.value) as { readonly [I in keyof C]: C[I]['value'] };
}

export const edgeFeatures = valuesOf(edgeFeatureTable);

export type AccountMode = (typeof accountModes)[number]['value'];
export type Frontend = (typeof frontends)[number]['value'];
export type ApiAccess = (typeof apiAccessModes)[number]['value'];
export type IngestKind = (typeof ingestKinds)[number]['value'];
export type AuthMode = (typeof authModes)[number]['value'];
export type CiProvider = (typeof ciProviders)[number]['value'];
export type { EdgeFeature };
