import { accountModes, apiAccessModes, authModes, authorizerChoices, ciProviders, type Choice, edgeChoices, edgeFeatures, frontends, ingestKinds, valuesOf } from './choices.js';
import { factsOf } from './facts.js';
import { formatThrottle, listOrNone, noneWord, parseServiceAccounts, parseThrottle, splitList } from './flag-values.js';
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

/**
 * `multiselect` checks any of its choices; the answer is the checked values as its flag lists
 * them. `per-service` asks once for each service in turn.
 */
export type PromptKind = 'text' | 'select' | 'multiselect' | 'confirm' | 'per-service';

/** The groups of the summary shown before anything is written, in their order. */
export const answerGroups = ['Pattern', 'Services and accounts', 'Site', 'Ingestion', 'Auth', 'Edge', 'API settings', 'Region', 'Delivery'] as const;
export type AnswerGroup = (typeof answerGroups)[number];

export interface AnswerSpec<K extends AnswerKey> {
  /** Commander's flag syntax; a boolean answer also gets `--no-<name>`. */
  readonly flag: string;
  readonly description: string;
  readonly default: Answers[K];
  /** Turns the flag's string into the value the schema checks (lists, numbers, pairs). */
  readonly fromFlag?: (raw: string) => unknown;
  /** Shows a value as the flag takes it: in prompts' defaults and in messages. */
  readonly format?: (value: Answers[K]) => string;
  readonly prompt: {
    readonly kind: PromptKind;
    readonly message: string;
    readonly choices?: readonly Choice[];
    /** Asked after this answer, wherever the table lists it: its own defaults come from that one. */
    readonly after?: AnswerKey;
  };
  /** Whether the answer means anything given the others; prompts skip it when not. */
  readonly appliesTo?: (answers: Answers) => boolean;
  /** Where the summary before writing shows it, and under which label. */
  readonly summary: { readonly group: AnswerGroup; readonly label: string };
}

export const answerSpecs: { readonly [K in AnswerKey]: AnswerSpec<K> } = {
  name: {
    flag: '--name <name>',
    description: 'Project name: npm package name and stack-name prefix (default: the folder name)',
    default: 'serverless-app',
    prompt: { kind: 'text', message: 'Project name' },
    summary: { group: 'Pattern', label: 'Project name' },
  },
  pattern: {
    flag: '-p, --pattern <preset>',
    description: `Architecture preset, by name or number 1-${presetIds.length}: ${presetIds.join(', ')}`,
    default: 'api',
    fromFlag: presetIdFromNumber,
    prompt: { kind: 'select', message: 'Which architecture pattern?' },
    summary: { group: 'Pattern', label: 'Pattern' },
  },
  services: {
    flag: '--services <names>',
    description: 'Comma-separated service names; each gets its own stack, API, functions and table',
    default: ['items'],
    fromFlag: splitList,
    format: (names) => names.join(','),
    prompt: { kind: 'text', message: 'Service names (comma-separated)' },
    summary: { group: 'Services and accounts', label: 'Services' },
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
    summary: { group: 'Services and accounts', label: 'Accounts' },
  },
  serviceAccounts: {
    flag: '--service-accounts <list>',
    description: `With --accounts multi: service=account[/region] pairs, e.g. orders=111111111111,catalog=222222222222/eu-west-1; or ${noneWord}`,
    default: [],
    fromFlag: parseServiceAccounts,
    format: (list) => list.map((s) => `${s.service}=${s.account}${s.region ? `/${s.region}` : ''}`).join(','),
    // Each service's region defaults to the app's, so that one is asked first.
    prompt: { kind: 'per-service', message: 'AWS account id for', after: 'region' },
    appliesTo: (a) => factsOf(a).multiAccount,
    summary: { group: 'Services and accounts', label: 'Service accounts' },
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
    summary: { group: 'Site', label: 'Frontend' },
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
    summary: { group: 'Site', label: 'API access' },
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
    summary: { group: 'Ingestion', label: 'Storage-first' },
  },
  auth: {
    flag: '--auth <mode>',
    description: `API authorization: ${valuesOf(authModes).join(' | ')}`,
    default: 'none',
    // "lambda,cognito" means the same as "cognito,lambda"; nothing checked at the prompt is none.
    fromFlag: (raw) => splitList(raw).sort().join(',') || noneWord,
    prompt: {
      kind: 'multiselect',
      message: 'API authorization? (none checked: a public API)',
      choices: authorizerChoices,
    },
    summary: { group: 'Auth', label: 'Authorization' },
  },
  edge: {
    flag: '--edge <features>',
    description: `CloudFront edge features, comma-separated: ${edgeFeatures.join(', ')}; or ${noneWord}`,
    default: [],
    fromFlag: listOrNone,
    format: (list) => list.join(','),
    prompt: {
      kind: 'multiselect',
      message: 'Edge features?',
      choices: edgeChoices,
    },
    appliesTo: (a) => factsOf(a).distribution,
    summary: { group: 'Edge', label: 'Edge features' },
  },
  cache: {
    flag: '--cache',
    description: 'A stage cache for GET methods (encrypted; bills per hour); --no-cache to turn it off',
    default: false,
    prompt: { kind: 'confirm', message: 'Cache GET responses at the API stage? (billed per hour)' },
    summary: { group: 'API settings', label: 'Stage cache' },
  },
  waf: {
    flag: '--waf',
    description: 'AWS WAF on the APIs and CloudFront distributions: AWS managed rule groups and a rate limit per IP (billed per month); --no-waf to turn it off',
    default: false,
    prompt: { kind: 'confirm', message: 'Protect the APIs and the site with AWS WAF? (managed rules and a rate limit; about $9 a month per web ACL)' },
    summary: { group: 'API settings', label: 'WAF' },
  },
  throttle: {
    flag: '--throttle <rate:burst>',
    description: 'Stage throttling: steady requests per second and burst, e.g. 100:200',
    default: { rateLimit: 100, burstLimit: 200 },
    fromFlag: parseThrottle,
    format: formatThrottle,
    prompt: { kind: 'text', message: 'API throttling (rate:burst)' },
    summary: { group: 'API settings', label: 'Throttling' },
  },
  domain: {
    flag: '--domain <name>',
    description:
      `Custom domain: of the site with a SPA (app.example.com); else of the API, each service at /<service> (one account) or at <service>.<domain> (one account per service); ${noneWord} for none. Hosted zone ids go in infra/config.ts`,
    default: undefined,
    // No domain name is a single label, so the word cannot be mistaken for one.
    fromFlag: (raw) => (raw === noneWord ? undefined : raw),
    prompt: { kind: 'text', message: 'Custom domain (blank for none)' },
    summary: { group: 'API settings', label: 'Custom domain' },
  },
  region: {
    flag: '--region <region>',
    description: 'AWS region of the stacks',
    default: 'us-east-1',
    prompt: { kind: 'text', message: 'AWS region' },
    summary: { group: 'Region', label: 'AWS region' },
  },
  ci: {
    flag: '--ci <provider>',
    description: 'CI/CD: github (workflows that check pull requests, deploy each stage with an OIDC role, preview each pull request), or none',
    default: 'github',
    prompt: {
      kind: 'select',
      message: 'CI/CD?',
      choices: ciProviders,
    },
    summary: { group: 'Delivery', label: 'CI/CD' },
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

/** A value as its flag must say it: as formatAnswer shows it, and `none` for an answer that holds nothing (a flag's value is never empty). */
export function flagValue<K extends AnswerKey>(key: K, value: Answers[K]): string {
  return formatAnswer(key, value) || noneWord;
}

/** The long flag, e.g. "--api-access", for messages. */
export function flagName(key: AnswerKey): string {
  return /--[a-z-]+/.exec(answerSpecs[key].flag)![0];
}
