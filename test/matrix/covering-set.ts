import { edgeFeatures } from '../../src/options/choices.js';
import type { Combination } from '../support/combinations.js';

/**
 * The facts of a combination that pairs are counted over: one per answer, and one per --edge
 * feature (on or off), so every feature meets every value of every other answer, alone or
 * with others. The package manager is not among them: the toolchain tests install with each.
 */
export function factsOf({ answers: a }: Combination): string[] {
  return [
    `frontend=${a.frontend}`,
    `apiAccess=${a.apiAccess}`,
    `ingest=${a.ingest}`,
    `auth=${a.auth}`,
    ...edgeFeatures.map((feature) => `edge.${feature}=${a.edge.includes(feature) ? 'on' : 'off'}`),
    `services=${a.services.length > 1 ? 'several' : 'one'}`,
    `accounts=${a.accounts}`,
    `domain=${a.domain ? 'yes' : 'no'}`,
    `waf=${a.waf}`,
    `pattern=${a.pattern}`,
    `cache=${a.cache}`,
    `region=${a.region}`,
  ];
}

function pairsOf(combination: Combination): string[] {
  const facts = factsOf(combination);
  return facts.flatMap((a, i) => facts.slice(i + 1).map((b) => `${a} & ${b}`));
}

/**
 * A small set of the accepted combinations in which every pair of facts that some accepted
 * combination has together appears at least once (greedy: each pick covers the most pairs
 * not yet covered). Pairs the rules never accept together cannot be, and are not, asked for.
 */
export function coveringSet(accepted: readonly Combination[]): { cases: Combination[]; pairs: number } {
  const pairs = accepted.map(pairsOf);
  const uncovered = new Set(pairs.flat());
  const total = uncovered.size;
  const cases: Combination[] = [];
  while (uncovered.size > 0) {
    let best = 0;
    let bestGain = -1;
    pairs.forEach((list, index) => {
      const gain = list.reduce((n, pair) => n + (uncovered.has(pair) ? 1 : 0), 0);
      if (gain > bestGain) [best, bestGain] = [index, gain];
    });
    cases.push(accepted[best]!);
    for (const pair of pairs[best]!) uncovered.delete(pair);
  }
  return { cases, pairs: total };
}
