import { diffRanges, type LinePairs, matchLines, splitLines } from './line-diff.js';

/**
 * Line-based three-way merge (diff3), as `git merge-file --diff3` does it: regions only one
 * side changed take that side; regions both changed the same way take it once; regions both
 * changed differently become a conflict block. Works on LF text; the caller restores the
 * user's line endings.
 */

export const markers = {
  yours: '<<<<<<< yours',
  base: '||||||| base',
  separator: '=======',
  generator: '>>>>>>> generator',
} as const;

export interface MergeResult {
  /** The merged text (LF), with conflict blocks where both sides changed the same lines. */
  readonly text: string;
  /** How many conflict blocks the text holds. */
  readonly conflicts: number;
}

type Chunk =
  | { readonly stable: true; readonly lines: readonly string[] }
  | { readonly stable: false; readonly base: readonly string[]; readonly yours: readonly string[]; readonly generator: readonly string[] };

/** Merges `yours` and `generator`, both derived from `base`. Final newline: as `yours` has it. */
export function mergeThreeWay(base: string, yours: string, generator: string): MergeResult {
  const o = splitLines(base);
  const a = splitLines(yours);
  const b = splitLines(generator);
  const lines: string[] = [];
  let conflicts = 0;
  for (const chunk of diff3Chunks(o, a, b)) {
    if (chunk.stable) {
      lines.push(...chunk.lines);
      continue;
    }
    const { base: co, yours: ca, generator: cb } = chunk;
    if (sameLines(ca, co)) lines.push(...cb);
    else if (sameLines(cb, co) || sameLines(ca, cb)) lines.push(...ca);
    else {
      // Lines both sides added identically at the edges are not part of the conflict (git's zdiff3).
      let head = 0;
      while (head < ca.length && head < cb.length && ca[head] === cb[head]) head++;
      let tail = 0;
      while (tail < ca.length - head && tail < cb.length - head && ca[ca.length - 1 - tail] === cb[cb.length - 1 - tail]) tail++;
      lines.push(...ca.slice(0, head));
      // Both inserted at the same place, and one side's lines are all in the other's: the
      // larger insertion holds both changes, so there is nothing to choose between.
      if (co.length === 0 && (head + tail === ca.length || head + tail === cb.length)) {
        lines.push(...(ca.length >= cb.length ? ca : cb).slice(head));
        continue;
      }
      lines.push(markers.yours, ...ca.slice(head, ca.length - tail), markers.base, ...co, markers.separator, ...cb.slice(head, cb.length - tail), markers.generator);
      lines.push(...ca.slice(ca.length - tail));
      conflicts++;
    }
  }
  return { text: joinLines(lines, endsWithNewline(yours, generator)), conflicts };
}

/**
 * When the base is unknown, nothing can be told apart as "only one side changed it": every
 * difference between yours and the generator's becomes a conflict block, so nothing of
 * yours is overwritten silently.
 */
export function mergeTwoWay(yours: string, generator: string): MergeResult {
  const a = splitLines(yours);
  const b = splitLines(generator);
  const lines: string[] = [];
  let conflicts = 0;
  for (const range of diffRanges(a, b)) {
    if (range.equal) lines.push(...a.slice(range.aStart, range.aEnd));
    else {
      lines.push(markers.yours, ...a.slice(range.aStart, range.aEnd), markers.separator, ...b.slice(range.bStart, range.bEnd), markers.generator);
      conflicts++;
    }
  }
  return { text: joinLines(lines, endsWithNewline(yours, generator)), conflicts };
}

/**
 * Splits the three versions into stable chunks (a base line kept by both sides, at matching
 * positions) and unstable ones in between (Khanna, Kuber & Pierce, "A formal investigation of diff3").
 */
function diff3Chunks(o: readonly string[], a: readonly string[], b: readonly string[]): Chunk[] {
  const baseToGenerator = matchLines(o, b);
  const inA = new Map(alignThrough(o, a, baseToGenerator, matchLines(a, b)));
  const inB = new Map(baseToGenerator);
  const chunks: Chunk[] = [];
  let lo = 0;
  let la = 0;
  let lb = 0;
  for (;;) {
    let run = 0;
    while (lo + run < o.length && inA.get(lo + run) === la + run && inB.get(lo + run) === lb + run) run++;
    if (run > 0) {
      chunks.push({ stable: true, lines: o.slice(lo, lo + run) });
      lo += run;
      la += run;
      lb += run;
      continue;
    }
    let next = lo;
    while (next < o.length && !((inA.get(next) ?? -1) >= la && (inB.get(next) ?? -1) >= lb)) next++;
    const aEnd = next < o.length ? inA.get(next)! : a.length;
    const bEnd = next < o.length ? inB.get(next)! : b.length;
    if (next > lo || aEnd > la || bEnd > lb) {
      chunks.push({ stable: false, base: o.slice(lo, next), yours: a.slice(la, aEnd), generator: b.slice(lb, bEnd) });
    }
    if (next >= o.length) return chunks;
    lo = next;
    la = aEnd;
    lb = bEnd;
  }
}

/**
 * Base lines matched to yours, through the generator's version where yours agrees with it.
 * Two independent diffs may align a repeated line (a blank line, a brace) differently, and a
 * block both sides inserted then lands at two places and is merged twice. Composing
 * base→generator with generator→yours gives every line yours shares with the generator the
 * same base line on both sides; the lines between are matched by their own diff.
 */
function alignThrough(o: readonly string[], a: readonly string[], baseToGenerator: LinePairs, yoursToGenerator: LinePairs): LinePairs {
  const yoursOf = new Map(yoursToGenerator.map(([ia, ib]) => [ib, ia] as const));
  const anchors: LinePairs = baseToGenerator.flatMap(([io, ib]) => (yoursOf.has(ib) ? [[io, yoursOf.get(ib)!] as const] : []));
  const pairs: LinePairs = [];
  let lo = 0;
  let la = 0;
  for (const [io, ia] of [...anchors, [o.length, a.length] as const]) {
    for (const [gapO, gapA] of matchLines(o.slice(lo, io), a.slice(la, ia))) pairs.push([lo + gapO, la + gapA]);
    if (io < o.length) pairs.push([io, ia]);
    lo = io + 1;
    la = ia + 1;
  }
  return pairs;
}

function sameLines(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((line, i) => line === y[i]);
}

function endsWithNewline(yours: string, generator: string): boolean {
  return yours === '' ? generator.endsWith('\n') : yours.endsWith('\n');
}

function joinLines(lines: readonly string[], finalNewline: boolean): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

/** Whether a text still holds a conflict block someone has to resolve. */
export function hasConflictMarkers(text: string): boolean {
  return new RegExp(`^${markers.yours}$`, 'm').test(text);
}
