import { type AnswerKey, type Answers, flagName, formatAnswer } from './answers.js';
import { type Facts, factsOf } from './facts.js';

interface Rule {
  /** The flag the message tells the user to change. */
  readonly blames: AnswerKey;
  readonly broken: (facts: Facts) => boolean;
  readonly message: string;
}

/** Combinations of answers that cannot render, each refused up front with exit 2. */
export const combinationRules: readonly Rule[] = [
  {
    blames: 'edge',
    broken: (f) => f.edges.any && !f.distribution,
    message: '--edge needs a CloudFront distribution: add --frontend spa',
  },
  {
    blames: 'apiAccess',
    broken: (f) => f.apiAccess !== 'direct' && !f.spa,
    message: '--api-access cloudfront|same-origin is how a SPA reaches the API: add --frontend spa',
  },
  {
    blames: 'auth',
    broken: (f) => f.multiAccount && f.authorizers.cognito,
    message: "--auth cognito keeps one user pool, which APIs in other accounts cannot reference: with --accounts multi use --auth lambda (each API verifies tokens itself)",
  },
  {
    blames: 'accounts',
    broken: (f) => f.multiAccount && f.spa,
    message: "--accounts multi with --frontend spa is not supported: the site's distribution would reference APIs in other accounts; use --accounts single",
  },
  {
    blames: 'edge',
    broken: (f) => f.edges.siteAuth && !f.authorizers.cognito,
    message: '--edge site-auth signs visitors in with Cognito: add --auth cognito',
  },
  {
    blames: 'accounts',
    broken: (f) => f.multiAccount && !f.severalServices,
    message: '--accounts multi puts each service in its own account: name two or more --services',
  },
  {
    blames: 'serviceAccounts',
    broken: (f) => !f.multiAccount && f.serviceAccounts.length > 0,
    message: '--service-accounts goes with --accounts multi',
  },
  {
    blames: 'serviceAccounts',
    broken: (f) => f.multiAccount && !sameSet(f.services, f.serviceAccounts.map((s) => s.service)),
    message: '--service-accounts must give exactly one account for each of --services',
  },
];

/** The first broken rule's message, with the values that broke it, or undefined when all hold. */
export function checkCombination(answers: Answers): string | undefined {
  const facts = factsOf(answers);
  const rule = combinationRules.find((r) => r.broken(facts));
  if (!rule) return undefined;
  return `${rule.message} (got ${flagName(rule.blames)} ${formatAnswer(rule.blames, answers[rule.blames]) || '(none)'})`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(b).size === b.length && a.every((x) => b.includes(x));
}
