import { accountModes, apiAccessModes, authModes, type Choice, edgeChoices, edgeFeatures, frontends, ingestKinds, valuesOf } from './choices.js';
import { factsOf } from './facts.js';
import { formatThrottle, parseServiceAccounts, parseThrottle, splitList } from './flag-values.js';
import { presetIdFromNumber, presetIds } from './presets.js';
import type { Answers } from './schema.js';

export type { Answers };
export type AnswerKey = keyof Answers;

/**
 * Every answer the generator takes, in one table: its flag, its prompt, its default and its
 * validation. The commander options, the interactive prompts, the README's flag table and
 * the stored manifest all come from here, so an answer is never defined twice. The zod
 * schema that checks the values is in schema.ts, so that --help (which needs only this
 * table) never loads zod.
 */

/** `per-service` asks once for each service in turn. */
export type PromptKind = 'text' | 'select' | 'multiselect' | 'confirm' | 'per-service';

export interface AnswerSpec<K extends AnswerKey> {
  /** Commander's flag syntax; a boolean answer also gets `--no-<name>`. */
  readonly flag: string;
  readonly description: string;
  readonly default: Answers[K];
  /** Turns the flag's string into the value the schema checks (lists, numbers, pairs). */
  readonly fromFlag?: (raw: string) => unknown;
  /** Shows a value as the flag takes it: in prompts' defaults and in messages. */
  readonly format?: (value: Answers[K]) => string;
  readonly prompt: { readonly kind: PromptKind; readonly message: string; readonly choices?: readonly Choice[] };
  /** Whether the answer means anything given the others; prompts skip it when not. */
  readonly appliesTo?: (answers: Answers) => boolean;
}

export const answerSpecs: { readonly [K in AnswerKey]: AnswerSpec<K> } = {
  name: {
    flag: '--name <name>',
    description: 'Project name: npm package name and stack-name prefix (default: the folder name)',
    default: 'serverless-app',
    prompt: { kind: 'text', message: 'Project name' },
  },
  pattern: {
    flag: '-p, --pattern <preset>',
    description: `Architecture preset, by name or number 1-${presetIds.length}: ${presetIds.join(', ')}`,
    default: 'api',
    fromFlag: presetIdFromNumber,
    prompt: { kind: 'select', message: 'Which architecture pattern?' },
  },
  services: {
    flag: '--services <names>',
    description: 'Comma-separated service names; each gets its own stack, API, functions and table',
    default: ['items'],
    fromFlag: splitList,
    format: (names) => names.join(','),
    prompt: { kind: 'text', message: 'Service names (comma-separated)' },
  },
  accounts: {
    flag: '--accounts <mode>',
    description: 'single: every service in one account; multi: one AWS account per service',
    default: 'single',
    prompt: {
      kind: 'select',
      message: 'Where do the services deploy?',
      choices: accountModes,
    },
    appliesTo: (a) => factsOf(a).severalServices,
  },
  serviceAccounts: {
    flag: '--service-accounts <list>',
    description: 'With --accounts multi: service=account[/region] pairs, e.g. orders=111111111111,catalog=222222222222/eu-west-1',
    default: [],
    fromFlag: parseServiceAccounts,
    format: (list) => list.map((s) => `${s.service}=${s.account}${s.region ? `/${s.region}` : ''}`).join(','),
    prompt: { kind: 'per-service', message: 'AWS account id for' },
    appliesTo: (a) => factsOf(a).multiAccount,
  },
  frontend: {
    flag: '--frontend <kind>',
    description: 'none, or spa: a React + Vite app on private S3 behind CloudFront',
    default: 'none',
    prompt: {
      kind: 'select',
      message: 'Frontend?',
      choices: frontends,
    },
  },
  apiAccess: {
    flag: '--api-access <mode>',
    description: 'How the SPA reaches the API: direct (CORS), cloudfront (REGIONAL API behind CloudFront), same-origin (/api/* on the site)',
    default: 'direct',
    prompt: {
      kind: 'select',
      message: 'How does the browser reach the API?',
      choices: apiAccessModes,
    },
    appliesTo: (a) => factsOf(a).spa,
  },
  ingest: {
    flag: '--ingest <kind>',
    description: 'Storage-first ingestion: none, sqs or kinesis (API Gateway writes straight to it; a Lambda consumes)',
    default: 'none',
    prompt: {
      kind: 'select',
      message: 'Storage-first ingestion?',
      choices: ingestKinds,
    },
  },
  auth: {
    flag: '--auth <mode>',
    description: `API authorization: ${valuesOf(authModes).join(' | ')}`,
    default: 'none',
    // "lambda,cognito" means the same as "cognito,lambda".
    fromFlag: (raw) => splitList(raw).sort().join(','),
    prompt: {
      kind: 'select',
      message: 'API authorization?',
      choices: authModes,
    },
  },
  edge: {
    flag: '--edge <features>',
    description: `CloudFront edge features, comma-separated: ${edgeFeatures.join(', ')}`,
    default: [],
    fromFlag: splitList,
    format: (list) => list.join(','),
    prompt: {
      kind: 'multiselect',
      message: 'Edge features?',
      choices: edgeChoices,
    },
    appliesTo: (a) => factsOf(a).distribution,
  },
  cache: {
    flag: '--cache',
    description: 'A stage cache for GET methods (encrypted; bills per hour); --no-cache to turn it off',
    default: false,
    prompt: { kind: 'confirm', message: 'Cache GET responses at the API stage? (billed per hour)' },
  },
  throttle: {
    flag: '--throttle <rate:burst>',
    description: 'Stage throttling: steady requests per second and burst, e.g. 100:200',
    default: { rateLimit: 100, burstLimit: 200 },
    fromFlag: parseThrottle,
    format: formatThrottle,
    prompt: { kind: 'text', message: 'API throttling (rate:burst)' },
  },
  domain: {
    flag: '--domain <name>',
    description:
      'Custom domain: of the site with a SPA (app.example.com); else of the API, each service at /<service> (one account) or at <service>.<domain> (one account per service). Hosted zone ids go in infra/config.ts',
    default: undefined,
    prompt: { kind: 'text', message: 'Custom domain (blank for none)' },
  },
  region: {
    flag: '--region <region>',
    description: 'AWS region of the stacks',
    default: 'us-east-1',
    prompt: { kind: 'text', message: 'AWS region' },
  },
};

export const answerKeys = Object.keys(answerSpecs) as AnswerKey[];

export const defaultAnswers = (): Answers =>
  Object.fromEntries(answerKeys.map((key) => [key, structuredClone(answerSpecs[key].default)])) as Answers;

/** A value as the user would type it after the flag. */
export function formatAnswer<K extends AnswerKey>(key: K, value: Answers[K]): string {
  const format = answerSpecs[key].format as ((value: Answers[K]) => string) | undefined;
  return format ? format(value) : String(value ?? '');
}

/** The long flag, e.g. "--api-access", for messages. */
export function flagName(key: AnswerKey): string {
  return /--[a-z-]+/.exec(answerSpecs[key].flag)![0];
}
