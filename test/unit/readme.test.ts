import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerKeys, answerSpecs } from '../../src/options/answers.js';
import { edgeFeatures } from '../../src/options/choices.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
import { resolveAnswers } from '../../src/options/resolve.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { ingestTarget } from '../../src/plan/ingest.js';
import { repoRoot } from '../support/cli.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe("the README's tables", () => {
  it('document every answer flag', () => {
    for (const key of answerKeys) {
      const long = /--[a-z-]+/.exec(answerSpecs[key].flag)![0];
      expect(readme, `README lacks ${long}`).toMatch(new RegExp(`\\| \`${long}[ ,\`]`));
    }
  });

  it('document every preset, by the number its place gives it', () => {
    for (const id of presetIds) expect(readme).toContain(`| ${presetOf(id).number} | \`${id}\` |`);
  });

  it('document every --edge feature', () => {
    for (const feature of edgeFeatures) expect(readme).toMatch(new RegExp(`^\\| [^|]*\`${feature}\`[^|]* \\|`, 'm'));
  });
});

/**
 * What a storage-first POST answers is written once, in the generated README's section
 * (templates/ingest/_readme/about.md.hbs); this README carries the same words between
 * `<!-- storage-first-clients -->` markers, and says nothing of its own about the 202.
 */
describe("the storage-first contract: this README says what a generated project's README says", () => {
  const section = readme.slice(readme.indexOf('## What `storage-first` changes'), readme.indexOf('\n## ', readme.indexOf('## What `storage-first` changes') + 1));
  const marked = /<!-- storage-first-clients:start -->\n([\s\S]*?)\n<!-- storage-first-clients:end -->/.exec(section)?.[1];

  /** The generated README's list under "What this means for clients:", for a public storage-first API. */
  async function clientsList(ingest: 'sqs' | 'kinesis'): Promise<string> {
    const { answers } = await resolveAnswers({ directory: 'app', flags: { pattern: 'storage-first', ingest }, yes: true });
    const paragraphs = String(buildPlan({ answers, packageManager: 'npm' }).get('README.md')!.content).split('\n\n');
    return paragraphs[paragraphs.indexOf('What this means for clients:') + 1]!;
  }

  it.each(['sqs', 'kinesis'] as const)('with %s: the same list, word for word (copy it from a generated README when the template changes)', async (ingest) => {
    expect(marked, 'README.md has no <!-- storage-first-clients:start --> block in "What `storage-first` changes"').toBeDefined();
    expect(marked).toBe(await clientsList(ingest));
  });

  it('names no 202 body but the one the API answers', () => {
    const bodies = [...section.matchAll(/202[^\n{]{0,40}(\{[^}\n]*\})/g)].map((match) => match[1]);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect([ingestTarget('sqs')!.receipt, ingestTarget('kinesis')!.receipt]).toContain(body);
  });

  it("gives Kinesis's partition key as the construct sets it: the request id", () => {
    const construct = readFileSync(join(repoRoot, 'templates/ingest-kinesis/infra/constructs/kinesis-ingest.ts'), 'utf8');
    expect(construct).toContain('"PartitionKey": "$context.requestId"');
    expect(section).toMatch(/partition key: the request id/);
  });
});
