import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { factsOf } from '../../src/options/facts.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
import { idleCosts, idleTotal } from '../../src/plan/costs.js';
import { repoRoot } from '../support/cli.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** A preset with its default answers, and more. */
const factsOfPreset = (id: (typeof presetIds)[number], more: Partial<Answers> = {}) => {
  const preset = presetOf(id);
  return factsOf({ ...defaultAnswers(), ...preset.defaults, ...preset.answers, ...more, pattern: id } as Answers);
};
const linesOf = (more: Partial<Answers>) => idleCosts(factsOf({ ...defaultAnswers(), ...more } as Answers)).map((cost) => cost.text);

describe("the README's table of what a stage costs idle", () => {
  const rows: [string, ReturnType<typeof factsOfPreset>][] = [
    ...presetIds.map((id) => [`\`${id}\``, factsOfPreset(id)] as [string, ReturnType<typeof factsOfPreset>]),
    ['`storage-first --ingest kinesis`', factsOfPreset('storage-first', { ingest: 'kinesis' })],
  ];

  it.each(rows)('shows %s at what the generated README says, per stage', (label, facts) => {
    expect(readme).toContain(`| ${label} | ${idleTotal(facts, 'prod')} | ${idleTotal(facts, 'dev')} |`);
  });
});

describe('what a stage costs idle', () => {
  it('includes a Kinesis stream per service in every stage: on demand in prod, one shard in dev, which costs less', () => {
    const facts = factsOf({ ...defaultAnswers(), services: ['orders', 'users'], ingest: 'kinesis' } as Answers);
    const stream = idleCosts(facts).find((cost) => cost.text.includes('Kinesis stream'))!;
    expect(stream.text).toContain('one per service');
    expect(stream.monthly.dev).toBeGreaterThan(0);
    expect(stream.monthly.dev).toBeLessThan(stream.monthly.prod);
    expect(linesOf({ ingest: 'sqs' }).some((line) => line.includes('Kinesis'))).toBe(false);
  });

  it('counts a web ACL on each API clients call directly, none on an API reached only through CloudFront, one for the distributions', () => {
    const waf = (more: Partial<Answers>) => linesOf({ services: ['orders', 'users'], waf: true, ...more }).find((line) => line.startsWith('AWS WAF'));
    expect(waf({})).toContain("a web ACL on each service's API (2)");
    expect(waf({ frontend: 'spa', apiAccess: 'direct' })).toContain("a web ACL on each service's API (2) and one for the CloudFront distributions");
    for (const apiAccess of ['cloudfront', 'same-origin'] as const) {
      expect(waf({ frontend: 'spa', apiAccess })).toContain('one web ACL, for the CloudFront distributions (the APIs take requests only through them)');
    }
    expect(waf({ waf: false })).toBeUndefined();
  });

  it("counts a KMS key for the edge's alarm topic in us-east-1 where the services' topic is elsewhere, and none in dev", () => {
    const keys = (region: string) => idleCosts(factsOf({ ...defaultAnswers(), frontend: 'spa', region } as Answers)).find((cost) => cost.text.includes('KMS'))!;
    expect(keys('us-east-1').monthly).toEqual({ prod: 1, dev: 0 });
    expect(keys('eu-west-1').monthly).toEqual({ prod: 2, dev: 0 });
  });
});
