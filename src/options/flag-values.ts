import type { Throttle } from './values.js';

/**
 * Turns flag strings into the values the schema checks, and back. Kept apart from the zod
 * validators in values.ts so the answer table (and with it --help) does not load zod.
 */

/**
 * The word a flag takes for an answer that holds nothing (no domain, no edge feature, no
 * authorizer): a flag's value is never empty, so `--edge ""` (an unset variable in a script)
 * is refused rather than read as a choice.
 */
export const noneWord = 'none';

/** A list flag's value: `none` is the empty list, anything else is split at commas. */
export function listOrNone(raw: string): string[] {
  return raw.trim() === noneWord ? [] : splitList(raw);
}

/** Splits "a, b ,c" into ["a", "b", "c"]; an empty string is an empty list. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** "100:200" → { rateLimit: 100, burstLimit: 200 }; anything else is left for the schema to refuse. */
export function parseThrottle(raw: string): unknown {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(raw);
  return match ? { rateLimit: Number(match[1]), burstLimit: Number(match[2]) } : raw;
}

/**
 * "orders=111111111111/eu-west-1,catalog=222222222222" → one object per service. An entry
 * of any other shape (a third part, a second "=") stays a string, for the schema to refuse
 * as a whole: nothing typed is silently dropped.
 */
export function parseServiceAccounts(raw: string): unknown[] {
  return listOrNone(raw).map((pair) => {
    const match = /^([^=/]*)=([^=/]*)(?:\/([^=/]*))?$/.exec(pair);
    if (!match) return pair;
    const [, service, account, region] = match;
    return { service, account, ...(region === undefined ? {} : { region }) };
  });
}

export function formatThrottle(value: Throttle): string {
  return `${value.rateLimit}:${value.burstLimit}`;
}
