import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/options/answers.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { sortedPaths } from '../../src/plan/tree.js';
import { acceptedCombinations, type Combination, crossed, missingPairs } from '../support/combinations.js';
import { checkPackageManager, checkProject } from '../support/project-checks.js';

/**
 * Every combination of answers the rules accept, planned in memory and checked for what a
 * template mistake leaves behind (see test/support/project-checks.ts). The heavy end-to-end
 * cases install and synthesize a handful of these; this catches the rest in seconds.
 */
const { accepted, refused } = acceptedCombinations();

/** The problems of a batch, each kind once, with how many combinations had it and the first of them. */
function problemsOf(batch: readonly Combination[]): string[] {
  const seen = new Map<string, { count: number; first: string }>();
  for (const combination of batch) {
    const tree = buildPlan(combination);
    for (const problem of [...checkProject(tree), ...checkPackageManager(tree, combination.packageManager)]) {
      const entry = seen.get(problem) ?? { count: 0, first: describeCombination(combination) };
      entry.count++;
      seen.set(problem, entry);
    }
  }
  return [...seen].map(([problem, { count, first }]) => `${problem} (in ${count} combinations, first: ${first})`);
}

const describeCombination = ({ answers: a, packageManager }: Combination) =>
  `--pattern ${a.pattern} --frontend ${a.frontend} --api-access ${a.apiAccess} --ingest ${a.ingest} --auth ${a.auth} --edge ${a.edge.join(',') || '""'} --services ${a.services.join(',')} --accounts ${a.accounts}${a.domain ? ` --domain ${a.domain}` : ''}${a.cache ? ' --cache' : ''} --region ${a.region} --package-manager ${packageManager}`;

describe('every accepted combination of answers', () => {
  it('is enumerated from the answer table: templates-choosing answers crossed in full, the rest pairwise', () => {
    const full = Object.values(crossed).reduce((n, values) => n * values.length, 1);
    expect(accepted.length + refused).toBe(full);
    expect(accepted.length).toBeGreaterThan(3000);
    expect(missingPairs(accepted)).toEqual([]);
  });

  // One test per way the browser reaches the API, so a failure says which part of the matrix broke.
  const groupOf = ({ answers }: Combination) => (answers.frontend === 'spa' ? `a SPA reaching the API ${answers.apiAccess}` : 'no frontend');
  const groups = [...new Set(accepted.map(groupOf))].map((name) => accepted.filter((c) => groupOf(c) === name));
  it.each(groups.map((batch) => [groupOf(batch[0]!), batch.length, batch] as const))(
    'with %s (%i combinations): no template syntax left, code that parses, imports of generated files only and no cycles, no stray whitespace, a README that names only what is there, in the package manager\'s own syntax',
    (_, __, batch) => {
      expect(problemsOf(batch)).toEqual([]);
    },
    // A few seconds each alone; minutes on a machine busy with the end-to-end tests.
    300_000,
  );
});

describe('every preset', () => {
  it.each(presetIds)('%s passes the same checks, and its files are these', (id) => {
    const preset = presetOf(id);
    const answers = structuredClone({ ...defaultAnswers(), ...preset.defaults, ...preset.answers, name: 'app', pattern: id }) as Combination['answers'];
    const tree = buildPlan({ answers, packageManager: 'npm' });
    expect(checkProject(tree)).toEqual([]);
    expect(sortedPaths(tree)).toMatchSnapshot();
  });
});
