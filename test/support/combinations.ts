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
 * a domain, with or without WAF. Answers that only land as a value in a few lines (the preset's name in the README,
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
  waf: [false, true],
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
  const pairs = pairwisePicker();
  for (const shape of product(crossed)) {
    const serviceAccounts = shape.accounts === 'multi' ? shape.services.map((service, n) => ({ service, account: String(n + 1).repeat(12), ...(n === 1 ? { region: 'eu-central-1' } : {}) })) : [];
    const answers: Answers = { ...defaultAnswers(), name: 'app', ...shape, edge: [...shape.edge], services: [...shape.services], serviceAccounts };
    // The rotated answers never decide whether a combination is accepted.
    if (checkCombination(answers) !== undefined) {
      refused++;
      continue;
    }
    const picked = pairs.pick(Object.entries(shape).map(([dimension, value]) => `${dimension}=${JSON.stringify(value)}`));
    accepted.push({ answers: { ...answers, pattern: picked.pattern, cache: picked.cache, region: picked.region }, packageManager: picked.packageManager });
  }
  return { accepted, refused };
}

/**
 * Chooses the rotated answers of each combination in turn, each the value that meets the
 * most value pairs not met yet (ties: the value used least), so that every value of a
 * rotated answer meets every value of every other answer, whatever the lengths of the lists.
 */
function pairwisePicker() {
  const met = new Set<string>();
  const uses = new Map<string, number>();
  return {
    pick(fixed: readonly string[]) {
      const chosen: string[] = [];
      const picked: Record<string, unknown> = {};
      for (const [dimension, values] of Object.entries(rotated) as [string, readonly unknown[]][]) {
        const others = [...fixed, ...chosen];
        const score = (value: unknown) => others.filter((other) => !met.has(`${dimension}=${JSON.stringify(value)} ${other}`)).length;
        const best = values.reduce((a, b) => (score(b) > score(a) || (score(b) === score(a) && (uses.get(`${dimension}=${JSON.stringify(b)}`) ?? 0) < (uses.get(`${dimension}=${JSON.stringify(a)}`) ?? 0)) ? b : a));
        const key = `${dimension}=${JSON.stringify(best)}`;
        for (const other of others) met.add(`${key} ${other}`);
        uses.set(key, (uses.get(key) ?? 0) + 1);
        chosen.push(key);
        picked[dimension] = best;
      }
      return picked as { [D in keyof typeof rotated]: (typeof rotated)[D][number] };
    },
  };
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
