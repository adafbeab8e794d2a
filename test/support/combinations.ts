import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { accountModes, apiAccessModes, authModes, edgeFeatures, frontends, ingestKinds, valuesOf } from '../../src/options/choices.js';
import { type PackageManager, packageManagerNames } from '../../src/options/package-manager.js';
import { presetIds } from '../../src/options/presets.js';
import { checkCombination } from '../../src/options/rules.js';

/**
 * Every combination of answers the rules accept, built from the answer table's own values, so
 * a new value (an --edge feature, an ingest kind) joins the matrix by being added there.
 *
 * Answers that choose templates are crossed in full: frontend, API access, ingest, auth, every
 * subset of --edge, one service or several, one account or one per service, with or without
 * a domain. Answers that only land as a value in a few lines (the preset's name in the README,
 * the cache switch, the region, the package manager) are not crossed but rotated, so that
 * each of their values meets each value of every other answer at least once (pairwise); the
 * test checks that it does.
 */
export interface Combination {
  readonly answers: Answers;
  readonly packageManager: PackageManager;
}

export const crossed = {
  frontend: valuesOf(frontends),
  apiAccess: valuesOf(apiAccessModes),
  ingest: valuesOf(ingestKinds),
  auth: valuesOf(authModes),
  edge: subsets(edgeFeatures),
  services: [['items'], ['orders', 'catalog']],
  accounts: valuesOf(accountModes),
  domain: [undefined, 'app.example.com'],
} as const;

export const rotated = {
  pattern: presetIds,
  cache: [false, true],
  region: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  packageManager: packageManagerNames,
} as const;

export type Dimension = keyof typeof crossed | keyof typeof rotated;

/** Every accepted combination, and how many the rules refused. */
export function acceptedCombinations(): { accepted: Combination[]; refused: number } {
  const accepted: Combination[] = [];
  let refused = 0;
  for (const shape of product(crossed)) {
    const i = accepted.length;
    // Each rotated answer steps through its values at its own pace, so none keeps step with another or with a crossed one.
    const pick = <T>(values: readonly T[], stride: number) => values[Math.floor(i / stride) % values.length]!;
    const serviceAccounts = shape.accounts === 'multi' ? shape.services.map((service, n) => ({ service, account: String(n + 1).repeat(12), ...(n === 1 ? { region: 'eu-central-1' } : {}) })) : [];
    const answers: Answers = {
      ...defaultAnswers(),
      name: 'app',
      ...shape,
      edge: [...shape.edge],
      services: [...shape.services],
      serviceAccounts,
      pattern: pick(rotated.pattern, 1),
      cache: pick(rotated.cache, 3),
      region: pick(rotated.region, 5),
    };
    if (checkCombination(answers) !== undefined) {
      refused++;
      continue;
    }
    accepted.push({ answers, packageManager: pick(rotated.packageManager, 7) });
  }
  return { accepted, refused };
}

/** The value of one dimension in a combination, as a comparable string. */
export function valueOf(combination: Combination, dimension: Dimension): string {
  return dimension === 'packageManager' ? combination.packageManager : JSON.stringify(combination.answers[dimension]);
}

/** Pairs of values of two dimensions that appear in no combination, though each value appears in some. */
export function missingPairs(combinations: readonly Combination[]): string[] {
  const dimensions = [...Object.keys(crossed), ...Object.keys(rotated)] as Dimension[];
  const seen = new Set(combinations.flatMap((c) => dimensions.flatMap((a) => dimensions.map((b) => `${a}=${valueOf(c, a)} ${b}=${valueOf(c, b)}`))));
  const values = (dimension: Dimension) => [...new Set(combinations.map((c) => valueOf(c, dimension)))];
  const missing: string[] = [];
  for (const rotatedDimension of Object.keys(rotated) as Dimension[]) {
    for (const other of dimensions.filter((d) => d !== rotatedDimension)) {
      for (const x of values(rotatedDimension)) for (const y of values(other)) if (!seen.has(`${rotatedDimension}=${x} ${other}=${y}`)) missing.push(`${rotatedDimension}=${x} with ${other}=${y}`);
    }
  }
  return missing;
}

function subsets<T>(list: readonly T[]): T[][] {
  return list.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}

function* product<T extends Record<string, readonly unknown[]>>(dimensions: T): Generator<{ [K in keyof T]: T[K][number] }> {
  const keys = Object.keys(dimensions) as (keyof T)[];
  const walk = function* (at: number, partial: Partial<{ [K in keyof T]: T[K][number] }>): Generator<{ [K in keyof T]: T[K][number] }> {
    if (at === keys.length) {
      yield partial as { [K in keyof T]: T[K][number] };
      return;
    }
    for (const value of dimensions[keys[at]!]!) yield* walk(at + 1, { ...partial, [keys[at]!]: value });
  };
  yield* walk(0, {});
}
