/**
 * Line diffs for the upgrade merge and its dry-run output: the longest common subsequence of
 * two line lists by Myers' O(ND) algorithm, after trimming the common prefix and suffix.
 * Generated files are a few hundred lines, so memory (about D² for D differing lines) stays small.
 */

/** Above this many differing lines the middle is treated as replaced wholesale (a merge then conflicts there). */
const maxEditDistance = 4000;

/** Indices of matching lines, [index in a, index in b], increasing in both. */
export type LinePairs = Array<readonly [number, number]>;

export function matchLines(a: readonly string[], b: readonly string[]): LinePairs {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: LinePairs = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  for (const [i, j] of myers(a.slice(start, endA), b.slice(start, endB))) pairs.push([i + start, j + start]);
  for (let i = endA, j = endB; i < a.length; i++, j++) pairs.push([i, j]);
  return pairs;
}

function myers(a: readonly string[], b: readonly string[]): LinePairs {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v for k in [-d-1, d+1] as it was before round d.
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    if (d > maxEditDistance) return [];
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }

  const pairs: LinePairs = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snapshot = trace[d]!;
    const at = (k: number) => snapshot[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/** One stretch of a diff: lines equal on both sides, or a[aStart,aEnd) replaced by b[bStart,bEnd). */
export interface DiffRange {
  readonly equal: boolean;
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** The diff as alternating equal and changed ranges covering both lists. */
export function diffRanges(a: readonly string[], b: readonly string[]): DiffRange[] {
  const ranges: DiffRange[] = [];
  let i = 0;
  let j = 0;
  const push = (range: DiffRange) => {
    const last = ranges.at(-1);
    if (last && last.equal === range.equal) ranges[ranges.length - 1] = { ...last, aEnd: range.aEnd, bEnd: range.bEnd };
    else ranges.push(range);
  };
  for (const [pi, pj] of [...matchLines(a, b), [a.length, b.length] as const]) {
    if (pi > i || pj > j) push({ equal: false, aStart: i, aEnd: pi, bStart: j, bEnd: pj });
    if (pi < a.length) push({ equal: true, aStart: pi, aEnd: pi + 1, bStart: pj, bEnd: pj + 1 });
    i = pi + 1;
    j = pj + 1;
  }
  return ranges;
}

/** Text as lines without their endings; whether it ended with a newline is reported separately. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A unified diff (3 lines of context), as `diff -u` and `git diff` print it; empty when equal. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  const ranges = diffRanges(a, b);
  if (ranges.every((r) => r.equal)) return '';
  const header = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`];
  const hunks: string[] = [];
  const changes = ranges.filter((r) => !r.equal);
  let index = 0;
  while (index < changes.length) {
    // Group changes whose context would touch into one hunk.
    let last = index;
    while (last + 1 < changes.length && changes[last + 1]!.aStart - changes[last]!.aEnd <= 2 * context) last++;
    const first = changes[index]!;
    const end = changes[last]!;
    const aStart = Math.max(0, first.aStart - context);
    const bStart = Math.max(0, first.bStart - context);
    const aEnd = Math.min(a.length, end.aEnd + context);
    const bEnd = Math.min(b.length, end.bEnd + context);
    const lines: string[] = [];
    let ai = aStart;
    for (const change of changes.slice(index, last + 1)) {
      for (; ai < change.aStart; ai++) lines.push(` ${a[ai]}`);
      for (let i = change.aStart; i < change.aEnd; i++) lines.push(`-${a[i]}`);
      for (let j = change.bStart; j < change.bEnd; j++) lines.push(`+${b[j]}`);
      ai = change.aEnd;
    }
    for (; ai < aEnd; ai++) lines.push(` ${a[ai]}`);
    const span = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
    hunks.push(`@@ -${span(aStart, aEnd - aStart)} +${span(bStart, bEnd - bStart)} @@`, ...lines);
    index = last + 1;
  }
  return `${[...header, ...hunks].join('\n')}\n`;
}
