import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answers } from '../../../../../src/options/answers.js';
import { factsOf } from '../../../../../src/options/facts.js';

/**
 * The generated project these tests run the toolkit against (SERVERLESS_PATTERN_PROJECT): the
 * end-to-end cases of this repository point it at each project they generate and install.
 */
export const projectRoot = (() => {
  const root = process.env.SERVERLESS_PATTERN_PROJECT;
  if (!root) throw new Error('SERVERLESS_PATTERN_PROJECT must name the generated project to run these tests against');
  return root;
})();

/** What the answers the project was generated with (its .serverless-pattern.json) mean, as the generator derives it. */
export const facts = factsOf((JSON.parse(readFileSync(join(projectRoot, '.serverless-pattern.json'), 'utf8')) as { answers: Answers }).answers);

/** Whether the project has a site (a Vite app in frontend/), as the toolkit decides it. */
export const hasSite = existsSync(join(projectRoot, 'frontend', 'vite.config.ts'));
