import { type AnswerKey, type Answers, flagName, formatAnswer } from './answers.js';

/**
 * Combinations of answers that cannot render, each refused up front with exit 2.
 * `blames` names the flag the message tells the user to change.
 */
export const combinationRules: readonly { readonly blames: AnswerKey; readonly broken: (a: Answers) => boolean; readonly message: string }[] = [
  {
    blames: 'edge',
    broken: (a) => a.edge.length > 0 && a.frontend !== 'spa' && a.apiAccess !== 'cloudfront',
    message: '--edge needs a CloudFront distribution: add --frontend spa (or --api-access cloudfront)',
  },
  {
    blames: 'apiAccess',
    broken: (a) => a.apiAccess !== 'direct' && a.frontend !== 'spa',
    message: '--api-access cloudfront|same-origin is how a SPA reaches the API: add --frontend spa',
  },
  {
    blames: 'auth',
    broken: (a) => a.accounts === 'multi' && a.auth.includes('cognito'),
    message: "--auth cognito keeps one user pool, which APIs in other accounts cannot reference: with --accounts multi use --auth lambda (each API verifies tokens itself)",
  },
  {
    blames: 'accounts',
    broken: (a) => a.accounts === 'multi' && a.frontend === 'spa',
    message: "--accounts multi with --frontend spa is not supported: the site's distribution would reference APIs in other accounts; use --accounts single",
  },

  {
    blames: 'edge',
    broken: (a) => a.edge.includes('site-auth') && !a.auth.includes('cognito'),
    message: '--edge site-auth signs visitors in with Cognito: add --auth cognito',
  },
  {
    blames: 'accounts',
    broken: (a) => a.accounts === 'multi' && a.services.length < 2,
    message: '--accounts multi puts each service in its own account: name two or more --services',
  },
  {
    blames: 'serviceAccounts',
    broken: (a) => a.accounts !== 'multi' && a.serviceAccounts.length > 0,
    message: '--service-accounts goes with --accounts multi',
  },
  {
    blames: 'serviceAccounts',
    broken: (a) => a.accounts === 'multi' && !sameSet(a.services, a.serviceAccounts.map((s) => s.service)),
    message: '--service-accounts must give exactly one account for each of --services',
  },
];

/** The first broken rule's message, with the values that broke it, or undefined when all hold. */
export function checkCombination(answers: Answers): string | undefined {
  const rule = combinationRules.find((r) => r.broken(answers));
  if (!rule) return undefined;
  return `${rule.message} (got ${flagName(rule.blames)} ${formatAnswer(rule.blames, answers[rule.blames]) || '(none)'})`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(b).size === b.length && a.every((x) => b.includes(x));
}
