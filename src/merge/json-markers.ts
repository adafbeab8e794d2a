import { markers } from './diff3.js';

/**
 * A package.json value two sides set differently, with no base to say whose change it is,
 * written as a conflict block around the key's line(s), as git marks lines: the file is not
 * valid JSON until someone picks one, and an upgrade finds the markers (and keeps exit 3)
 * until then. Nothing of the generator's is dropped without a mark.
 */
export interface JsonConflict {
  readonly yours: unknown;
  readonly generator: unknown;
}

/** A stand-in value that marks where a conflict goes, unique within one merge. */
export const conflictSentinel = (index: number) => `\u0000csp-conflict-${index}\u0000`;

/** Replaces each sentinel's line in the stringified JSON by a conflict block holding both values. */
export function markConflicts(text: string, conflicts: readonly JsonConflict[], indent: string): string {
  return conflicts.reduce((result, conflict, index) => {
    const needle = JSON.stringify(conflictSentinel(index));
    return result
      .split('\n')
      .flatMap((line) => {
        const at = line.indexOf(needle);
        if (at < 0) return [line];
        const prefix = line.slice(0, at);
        const suffix = line.slice(at + needle.length);
        const margin = /^\s*/.exec(prefix)![0];
        const side = (value: unknown) => `${prefix}${JSON.stringify(value, null, indent).replaceAll('\n', `\n${margin}`)}${suffix}`;
        return [markers.yours, side(conflict.yours), markers.separator, side(conflict.generator), markers.generator];
      })
      .join('\n');
  }, text);
}
