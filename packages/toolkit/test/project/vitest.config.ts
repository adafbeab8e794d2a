import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Answers } from '../../../../src/options/answers.js';
import { factsOf } from '../../../../src/options/facts.js';
import { selectedFeatures } from '../../../../src/plan/features.js';

/**
 * The toolkit's local stack against one generated project (SERVERLESS_PATTERN_PROJECT): the
 * tests of each template folder the project was generated with, over HTTP, one local stack
 * for every file. The end-to-end cases run this for each project they generate.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const project = process.env.SERVERLESS_PATTERN_PROJECT;
if (!project) throw new Error('SERVERLESS_PATTERN_PROJECT must name the generated project to test');
const { answers } = JSON.parse(readFileSync(join(project, '.serverless-pattern.json'), 'utf8')) as { answers: Answers };
const folders = selectedFeatures(factsOf(answers))
  .map((feature) => feature.folder)
  .filter((folder) => existsSync(join(here, folder)));

export default defineConfig({
  test: {
    root: here,
    include: folders.map((folder) => `${folder}/**/*.test.ts`),
    globalSetup: ['support/local-stack.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
