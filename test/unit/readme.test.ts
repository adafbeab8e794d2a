import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerKeys, answerSpecs } from '../../src/options/answers.js';
import { edgeFeatures } from '../../src/options/choices.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
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
