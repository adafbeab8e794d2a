import { describe, expect, it } from 'vitest';
import { type AnswerKey, answerKeys, type Answers, defaultAnswers } from '../../src/options/answers.js';
import { accountModes, apiAccessModes, authModes, ciProviders, edgeFeatures, frontends, ingestKinds, valuesOf } from '../../src/options/choices.js';
import { factsOf } from '../../src/options/facts.js';
import { presetIds } from '../../src/options/presets.js';
import { combinationRules } from '../../src/options/rules.js';

/** A few values of every answer, enough to break and to keep every rule. */
const samples: { readonly [K in AnswerKey]: readonly Answers[K][] } = {
  name: ['app'],
  pattern: presetIds,
  services: [['items'], ['orders', 'catalog']],
  accounts: valuesOf(accountModes),
  serviceAccounts: [[], [{ service: 'orders', account: '111111111111' }], [{ service: 'orders', account: '111111111111' }, { service: 'catalog', account: '222222222222', region: 'eu-west-1' }]],
  frontend: valuesOf(frontends),
  apiAccess: valuesOf(apiAccessModes),
  ingest: valuesOf(ingestKinds),
  auth: valuesOf(authModes),
  edge: [[], ...edgeFeatures.map((feature) => [feature]), [...edgeFeatures]],
  cache: [false, true],
  waf: [false, true],
  throttle: [{ rateLimit: 100, burstLimit: 200 }],
  domain: [undefined, 'app.example.com'],
  region: ['us-east-1', 'eu-west-1'],
  ci: valuesOf(ciProviders),
};

/** The same pseudo-random answers on every run. */
function* someAnswers(count: number): Generator<Answers> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // The high bits: the low ones of this generator repeat with a short period.
    return Math.floor(seed / 2 ** 16) % n;
  };
  for (let i = 0; i < count; i++) {
    const answers = defaultAnswers();
    for (const key of answerKeys) (answers as Record<AnswerKey, unknown>)[key] = samples[key][next(samples[key].length)];
    yield answers;
  }
}

describe('the combination rules', () => {
  it.each(combinationRules.map((rule) => [rule.message, rule] as const))('%s: reads only the answers it names (so a prompt may apply it once those are settled)', (_, rule) => {
    let broken = 0;
    for (const answers of someAnswers(200)) {
      const verdict = rule.broken(factsOf(answers));
      if (verdict) broken++;
      for (const key of answerKeys.filter((k) => !rule.involves.includes(k))) {
        for (const value of samples[key]) expect(rule.broken(factsOf({ ...answers, [key]: value })), `${key} changed the verdict`).toBe(verdict);
      }
    }
    // The samples both break and keep the rule, so the check above means something.
    expect(broken).toBeGreaterThan(0);
    expect(broken).toBeLessThan(200);
  });

  it('each blames one of the answers it names, and gives a person a reason without flags', () => {
    for (const rule of combinationRules) {
      expect(rule.involves).toContain(rule.blames);
      expect(rule.why).not.toMatch(/--/);
    }
  });
});
