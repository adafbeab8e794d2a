import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/options/answers.js';
import type { Combination } from '../support/combinations.js';
import { coveringSet, factsOf } from '../matrix/covering-set.js';
import { ciSlice } from '../matrix/matrix-cases.js';

const combination = (answers: Partial<Combination['answers']>): Combination => ({ answers: { ...defaultAnswers(), name: 'app', ...answers }, packageManager: 'npm' });

describe('the covering set of the matrix', () => {
  const accepted = [
    combination({ auth: 'none', ingest: 'none' }),
    combination({ auth: 'cognito', ingest: 'none' }),
    combination({ auth: 'none', ingest: 'sqs' }),
    combination({ auth: 'cognito', ingest: 'sqs' }),
    combination({ auth: 'cognito', ingest: 'sqs', region: 'eu-west-1' }),
  ];
  const pairs = (c: Combination) => factsOf(c).flatMap((a, i) => factsOf(c).slice(i + 1).map((b) => `${a} & ${b}`));

  it('has every pair of facts that some accepted combination has', () => {
    const { cases, pairs: total } = coveringSet(accepted);
    const covered = new Set(cases.flatMap(pairs));
    expect(covered).toEqual(new Set(accepted.flatMap(pairs)));
    expect(covered.size).toBe(total);
  });

  it('needs fewer cases than there are combinations when pairs repeat', () => {
    // The fourth has no pair of its own: the others have each of its pairs.
    expect(coveringSet(accepted).cases.length).toBeLessThan(accepted.length);
  });
});

describe("CI's slice of the matrix", () => {
  const cases = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, args: ['--pattern', name] }));

  it('moves its window on with each commit, wrapping round', () => {
    expect(ciSlice(cases, 2, { failed: [], commits: 0 }).map((c) => c.name)).toEqual(['a', 'b']);
    expect(ciSlice(cases, 2, { failed: [], commits: 1 }).map((c) => c.name)).toEqual(['c', 'd']);
    expect(ciSlice(cases, 2, { failed: [], commits: 2 }).map((c) => c.name)).toEqual(['e', 'a']);
  });

  it("runs the last full run's failures first, each once, and forgets cases the matrix no longer has", () => {
    const slice = ciSlice(cases, 2, { failed: [['--pattern', 'd'], ['--pattern', 'gone']], commits: 1 });
    expect(slice.map((c) => c.name)).toEqual(['d', 'c']);
  });
});
