import { type AnswerKey, type Answers, flagName, formatAnswer } from './answers.js';
import { type Facts, factsOf } from './facts.js';

interface Rule {
  /** The flag the message tells the user to change. */
  readonly blames: AnswerKey;
  /**
   * The answers the rule reads. A prompt applies the rule as soon as all but the one being
   * asked are settled, so a choice is refused only for what was already answered
   * (test/unit/rules.test.ts checks that no other answer changes the verdict).
   */
  readonly involves: readonly AnswerKey[];
  readonly broken: (facts: Facts) => boolean;
  /** For a script: which flag to change. */
  readonly message: string;
  /** For a person at a prompt, beside a choice it refuses: why, in the words of the choices. */
  readonly why: string;
}

/** Combinations of answers that cannot render: refused up front with exit 2, or never offered by a prompt. */
export const combinationRules: readonly Rule[] = [
  {
    blames: 'edge',
    involves: ['edge', 'frontend'],
    broken: (f) => f.edges.any && !f.distribution,
    message: '--edge needs a CloudFront distribution: add --frontend spa',
    why: "edge features run on the site's CloudFront distribution: choose a React SPA",
  },
  {
    blames: 'apiAccess',
    involves: ['apiAccess', 'frontend'],
    broken: (f) => f.apiAccess !== 'direct' && !f.spa,
    message: '--api-access cloudfront|same-origin is how a SPA reaches the API: add --frontend spa',
    why: 'only a site reaches the API another way than directly: choose a React SPA',
  },
  {
    blames: 'auth',
    involves: ['auth', 'accounts'],
    broken: (f) => f.multiAccount && f.authorizers.cognito,
    message: "--auth cognito keeps one user pool, which APIs in other accounts cannot reference: with --accounts multi use --auth lambda (each API verifies tokens itself)",
    why: 'one user pool cannot serve APIs in other accounts; the Lambda authorizer can',
  },
  {
    blames: 'accounts',
    involves: ['accounts', 'frontend'],
    broken: (f) => f.multiAccount && f.spa,
    message: "--accounts multi with --frontend spa is not supported: the site's distribution would reference APIs in other accounts; use --accounts single",
    why: 'a site cannot reach APIs in other accounts: keep one account',
  },
  {
    blames: 'edge',
    involves: ['edge', 'auth'],
    broken: (f) => f.edges.siteAuth && !f.authorizers.cognito,
    message: '--edge site-auth signs visitors in with Cognito: add --auth cognito',
    why: 'signs visitors in with Cognito: check Cognito under authorization',
  },
  {
    blames: 'edge',
    involves: ['edge'],
    broken: (f) => f.edges.siteAuth && f.edges.versionRouting,
    message:
      "--edge site-auth cannot go with ab-testing or progressive-rollout: the version router's CloudFront Functions hold the viewer events, so the sign-in gate could only run after the cache and nothing of the site would be cached; choose one",
    why: "the version router holds the viewer events the sign-in gate needs: the site could not be cached",
  },
  {
    blames: 'accounts',
    involves: ['accounts', 'services'],
    broken: (f) => f.multiAccount && !f.severalServices,
    message: '--accounts multi puts each service in its own account: name two or more --services',
    why: 'needs two or more services',
  },
  {
    blames: 'serviceAccounts',
    involves: ['serviceAccounts', 'accounts'],
    broken: (f) => !f.multiAccount && f.serviceAccounts.length > 0,
    message: '--service-accounts goes with --accounts multi',
    why: 'only with one account per service',
  },
  {
    blames: 'serviceAccounts',
    involves: ['serviceAccounts', 'services', 'accounts'],
    broken: (f) => f.multiAccount && !sameSet(f.services, f.serviceAccounts.map((s) => s.service)),
    message: '--service-accounts must give exactly one account for each of --services',
    why: 'give one account for each service',
  },
];

/** Whether an answer is known yet; by default all are. */
export type Settled = (key: AnswerKey) => boolean;

const allSettled: Settled = () => true;

/**
 * The first broken rule among settled answers, as a message naming the flag to change and
 * the value that broke it, or undefined when they all hold.
 */
export function checkCombination(answers: Answers, settled: Settled = allSettled): string | undefined {
  const facts = factsOf(answers);
  const rule = combinationRules.find((r) => r.involves.every(settled) && r.broken(facts));
  if (!rule) return undefined;
  return `${rule.message} (got ${flagName(rule.blames)} ${formatAnswer(rule.blames, answers[rule.blames]) || '(none)'})`;
}

/**
 * Why `key` cannot take the value it has in `candidate`, given the answers settled before
 * it: the reason a prompt shows beside a refused choice, or undefined when it may be chosen.
 */
export function refusal(key: AnswerKey, candidate: Answers, settled: Settled): string | undefined {
  const facts = factsOf(candidate);
  return combinationRules.find((r) => r.involves.includes(key) && r.involves.every((k) => k === key || settled(k)) && r.broken(facts))?.why;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(b).size === b.length && a.every((x) => b.includes(x));
}
