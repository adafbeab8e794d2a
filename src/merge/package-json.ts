import { conflictSentinel, type JsonConflict, markConflicts } from './json-markers.js';

/**
 * package.json merged by its structure, key by key at every depth (scripts, dependencies,
 * devDependencies, engines, ...), never by lines:
 * - a value you changed (or removed) stays as you have it, even if the generator changed it too;
 * - a value you left alone takes the generator's (a new version, or its removal);
 * - keys the generator adds are added; keys you added are kept.
 * Without a base, a value that differs between yours and the generator's is written with
 * conflict markers around both (json-markers.ts) and reported: nothing of yours is
 * overwritten, and nothing of the generator's is dropped without a mark.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface PackageJsonMerge {
  /** The merged file, LF, indented as yours was; yours byte for byte when nothing changed. */
  readonly text: string;
  /** Keys whose value could not be decided (two-way only); each is marked in the text. */
  readonly conflicts: readonly string[];
  /** Keys where your value was kept over a change the generator made. */
  readonly kept: readonly string[];
}

/** Dependency maps are kept in name order, as package managers write them. */
const sortedMaps = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);

/** Returns undefined when a side is not a JSON object; the caller then merges it as text. */
export function mergePackageJson(base: string | undefined, yours: string, generator: string): PackageJsonMerge | undefined {
  const parsed = [base === undefined ? {} : parseObject(base), parseObject(yours), parseObject(generator)];
  if (parsed.some((value) => value === undefined)) return undefined;
  const [b, d, t] = parsed as [JsonObject, JsonObject, JsonObject];
  const report: Report = { conflicts: [], kept: [], marked: [] };
  const merged = mergeObjects(base === undefined ? undefined : b, d, t, [], report);
  const { conflicts, kept } = report;
  if (deepEqual(merged, d)) return { text: yours, conflicts, kept };
  const indent = detectIndent(yours);
  return { text: markConflicts(`${JSON.stringify(merged, null, indent)}\n`, report.marked, indent), conflicts, kept };
}

interface Report {
  readonly conflicts: string[];
  readonly kept: string[];
  /** Both values of each conflict, in the order of their sentinels. */
  readonly marked: JsonConflict[];
}

function mergeObjects(base: JsonObject | undefined, yours: JsonObject, generator: JsonObject, path: string[], report: Report): JsonObject {
  // Your keys in your order, then the generator's others (new ones, and ones you removed,
  // which mergeValue keeps removed).
  const keys = [...Object.keys(yours), ...Object.keys(generator).filter((key) => !(key in yours))];
  const result: JsonObject = {};
  for (const key of keys) {
    const value = mergeValue(base?.[key], key in yours ? yours[key] : undefined, generator[key], base !== undefined, [...path, key], report);
    if (value !== undefined) result[key] = value;
  }
  const last = path.at(-1);
  if (last !== undefined && sortedMaps.has(last) && path.length === 1 && isSorted(Object.keys(yours))) {
    return Object.fromEntries(Object.keys(result).sort().map((key) => [key, result[key]!]));
  }
  return result;
}

function mergeValue(base: Json | undefined, yours: Json | undefined, generator: Json | undefined, hasBase: boolean, path: string[], report: Report): Json | undefined {
  if (isObject(yours) && isObject(generator) && (base === undefined || isObject(base))) {
    return mergeObjects(hasBase ? (base ?? {}) : undefined, yours, generator, path, report);
  }
  if (deepEqual(yours, generator)) return yours;
  if (!hasBase) {
    // Unknown base: a key only the generator has is new; one only you have is yours.
    if (yours === undefined) return generator;
    if (generator === undefined) return yours;
    report.conflicts.push(`${path.join('.')}: yours ${JSON.stringify(yours)}, generator ${JSON.stringify(generator)}`);
    report.marked.push({ yours, generator });
    return conflictSentinel(report.marked.length - 1);
  }
  if (deepEqual(yours, base)) return generator;
  if (deepEqual(generator, base)) return yours;
  report.kept.push(`${path.join('.')}: kept yours ${describe(yours)} (the generator now has ${describe(generator)})`);
  return yours;
}

function describe(value: Json | undefined): string {
  return value === undefined ? '(removed)' : JSON.stringify(value);
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as Json;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(x: Json | undefined, y: Json | undefined): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const xKeys = Object.keys(x);
  const yKeys = Object.keys(y);
  return xKeys.length === yKeys.length && xKeys.every((key, i) => key === yKeys[i] && deepEqual((x as JsonObject)[key], (y as JsonObject)[key]));
}

function isSorted(keys: readonly string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1]!.localeCompare(key, 'en') <= 0);
}

/** Two spaces unless the file says otherwise (four spaces, a tab). */
function detectIndent(text: string): string {
  const match = /^([ \t]+)"/m.exec(text);
  return match ? match[1]! : '  ';
}
