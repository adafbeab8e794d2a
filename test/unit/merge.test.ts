import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, mergeThreeWay, mergeTwoWay } from '../../src/merge/diff3.js';
import { diffRanges, matchLines, unifiedDiff } from '../../src/merge/line-diff.js';
import { applyStyle, detectStyle, isBinary } from '../../src/merge/line-endings.js';
import { bytesHash, contentHash } from '../../src/write/manifest.js';

const lines = (...items: string[]) => `${items.join('\n')}\n`;

describe('line diff', () => {
  it('matches the longest common subsequence of lines', () => {
    const a = ['a', 'b', 'c', 'a', 'b', 'b', 'a'];
    const b = ['c', 'b', 'a', 'b', 'a', 'c'];
    const pairs = matchLines(a, b);
    expect(pairs).toHaveLength(4);
    for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
    for (let k = 1; k < pairs.length; k++) {
      expect(pairs[k]![0]).toBeGreaterThan(pairs[k - 1]![0]);
      expect(pairs[k]![1]).toBeGreaterThan(pairs[k - 1]![1]);
    }
  });

  it('splits two texts into equal and changed ranges that cover both', () => {
    expect(diffRanges(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { equal: true, aStart: 0, aEnd: 1, bStart: 0, bEnd: 1 },
      { equal: false, aStart: 1, aEnd: 2, bStart: 1, bEnd: 2 },
      { equal: true, aStart: 2, aEnd: 3, bStart: 2, bEnd: 3 },
      { equal: false, aStart: 3, aEnd: 3, bStart: 3, bEnd: 4 },
    ]);
  });

  it('prints a unified diff as git does, with three lines of context', () => {
    const before = lines('1', '2', '3', '4', '5', '6', '7', '8', '9', '10');
    const after = lines('1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11');
    expect(unifiedDiff('f.txt', before, after)).toBe(
      ['--- a/f.txt', '+++ b/f.txt', '@@ -2,9 +2,10 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ' 9', ' 10', '+11', ''].join('\n'),
    );
    expect(unifiedDiff('f.txt', before, before)).toBe('');
    expect(unifiedDiff('new.txt', undefined, 'x\n')).toBe(['--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1,1 @@', '+x', ''].join('\n'));
  });
});

describe('three-way merge', () => {
  const base = lines('import a', '', 'const x = 1;', 'const y = 2;', 'const z = 3;', '', 'export { x, y, z }');

  it('takes the generator\'s change where only it changed a region', () => {
    const generator = base.replace('const z = 3;', 'const z = 30;');
    expect(mergeThreeWay(base, base, generator)).toEqual({ text: generator, conflicts: 0 });
  });

  it('keeps your change where only you changed a region', () => {
    const yours = base.replace('import a', 'import a // mine');
    expect(mergeThreeWay(base, yours, base)).toEqual({ text: yours, conflicts: 0 });
  });

  it('merges changes on both sides in different places cleanly', () => {
    const yours = base.replace('import a', 'import a // mine');
    const generator = base.replace('const z = 3;', 'const z = 30;');
    const { text, conflicts } = mergeThreeWay(base, yours, generator);
    expect(conflicts).toBe(0);
    expect(text).toBe(base.replace('import a', 'import a // mine').replace('const z = 3;', 'const z = 30;'));
  });

  it('takes an identical change on both sides once', () => {
    const both = base.replace('const y = 2;', 'const y = 20;');
    expect(mergeThreeWay(base, both, both)).toEqual({ text: both, conflicts: 0 });
  });

  it('marks the same line changed differently as a conflict, with the base between', () => {
    const yours = base.replace('const y = 2;', 'const y = 21;');
    const generator = base.replace('const y = 2;', 'const y = 22;');
    const { text, conflicts } = mergeThreeWay(base, yours, generator);
    expect(conflicts).toBe(1);
    expect(text).toBe(
      lines('import a', '', 'const x = 1;', '<<<<<<< yours', 'const y = 21;', '||||||| base', 'const y = 2;', '=======', 'const y = 22;', '>>>>>>> generator', 'const z = 3;', '', 'export { x, y, z }'),
    );
    expect(hasConflictMarkers(text)).toBe(true);
  });

  it('keeps lines both sides added identically at the edges of a conflict outside it', () => {
    const yours = base.replace('const y = 2;', 'const y = 2;\n// shared\nconst w = 1;');
    const generator = base.replace('const y = 2;', 'const y = 2;\n// shared\nconst w = 2;');
    const { text, conflicts } = mergeThreeWay(base, yours, generator);
    expect(conflicts).toBe(1);
    expect(text).toContain('// shared\n<<<<<<< yours\nconst w = 1;\n||||||| base\n=======\nconst w = 2;\n>>>>>>> generator\n');
  });

  it('treats a deletion against an edit of the same line as a conflict', () => {
    const yours = base.replace('const x = 1;\n', '');
    const generator = base.replace('const x = 1;', 'const x = 10;');
    expect(mergeThreeWay(base, yours, generator).conflicts).toBe(1);
  });

  it('merges against an empty base: identical edges kept, the differing middle in conflict', () => {
    const { text, conflicts } = mergeThreeWay('', lines('a', 'mine', 'z'), lines('a', 'theirs', 'z'));
    expect(conflicts).toBe(1);
    expect(text).toBe(lines('a', '<<<<<<< yours', 'mine', '||||||| base', '=======', 'theirs', '>>>>>>> generator', 'z'));
  });

  it('keeps your file without a final newline when you removed it', () => {
    const yours = base.replace('import a', 'import b').replace(/\n$/, '');
    const generator = base.replace('const z = 3;', 'const z = 30;');
    const { text } = mergeThreeWay(base, yours, generator);
    expect(text.endsWith('export { x, y, z }')).toBe(true);
    expect(text).toContain('const z = 30;');
  });
});

describe('two-way merge (no base)', () => {
  it('marks every difference as a conflict and keeps what both share', () => {
    const { text, conflicts } = mergeTwoWay(lines('a', 'mine', 'b', 'c', 'mine too'), lines('a', 'theirs', 'b', 'c'));
    expect(conflicts).toBe(2);
    expect(text).toBe(lines('a', '<<<<<<< yours', 'mine', '=======', 'theirs', '>>>>>>> generator', 'b', 'c', '<<<<<<< yours', 'mine too', '=======', '>>>>>>> generator'));
  });
});

describe('line endings and binary content', () => {
  it('detects CRLF and a missing final newline, and gives them back', () => {
    const style = detectStyle('a\r\nb');
    expect(style).toEqual({ eol: '\r\n', finalNewline: false });
    expect(applyStyle('a\nb\nc\n', style)).toBe('a\r\nb\r\nc');
    expect(applyStyle('a\nb', { eol: '\n', finalNewline: true })).toBe('a\nb\n');
    expect(applyStyle('a\nb', { eol: '\n', finalNewline: false })).toBe('a\nb');
  });

  it('takes a NUL byte to mean binary', () => {
    expect(isBinary(Buffer.from([0x89, 0x50, 0x00, 0x47]))).toBe(true);
    expect(isBinary(Buffer.from('plain text\n'))).toBe(false);
  });

  it('hashes bytes as the manifest hashes text, CRLF counted as LF', () => {
    expect(bytesHash(Buffer.from('a\r\nb\r\n'))).toBe(contentHash('a\nb\n'));
    expect(bytesHash(Buffer.from('é\n'))).toBe(contentHash('é\n'));
    expect(bytesHash(Buffer.from('a\rb'))).not.toBe(contentHash('ab'));
  });
});

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly lines: readonly string[];
  readonly side: 'yours' | 'generator';
}

function applyEdits(base: readonly string[], edits: readonly Edit[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((x, y) => x.start - y.start)) {
    out.push(...base.slice(at, edit.start), ...edit.lines);
    at = edit.end;
  }
  return [...out, ...base.slice(at)];
}

describe('property: edits in separate regions always merge cleanly', () => {
  it.each(Array.from({ length: 200 }, (_, i) => i + 1))('seed %i', (seed) => {
    const random = prng(seed);
    let fresh = 0;
    const newLine = () => `  added(${seed}, ${fresh++}); // ${'x'.repeat(random.int(0, 20))}`;
    const base = Array.from({ length: random.int(8, 60) }, (_, i) => `  line ${i}: ${'abcdefgh'.slice(0, random.int(0, 8))};`);

    // Regions [start, end) in order, at least one untouched line between two regions.
    const edits: Edit[] = [];
    let cursor = 0;
    for (let count = random.int(1, 6); count > 0 && cursor <= base.length; count--) {
      const start = random.int(cursor, Math.min(base.length, cursor + 8));
      const end = random.int(start, Math.min(base.length, start + 4));
      const added = Array.from({ length: random.int(end === start ? 1 : 0, 4) }, newLine);
      edits.push({ start, end, lines: added, side: random.next() < 0.5 ? 'yours' : 'generator' });
      cursor = end + 1;
    }
    const yours = applyEdits(base, edits.filter((e) => e.side === 'yours'));
    const generator = applyEdits(base, edits.filter((e) => e.side === 'generator'));
    const expected = applyEdits(base, edits);

    const text = (list: readonly string[]) => (list.length === 0 ? '' : `${list.join('\n')}\n`);
    const result = mergeThreeWay(text(base), text(yours), text(generator));
    expect(result.conflicts).toBe(0);
    expect(result.text).toBe(text(expected));
    // And the trivial merges: one side unchanged gives the other.
    expect(mergeThreeWay(text(base), text(yours), text(base)).text).toBe(text(yours));
    expect(mergeThreeWay(text(base), text(base), text(generator)).text).toBe(text(generator));
  });
});

describe('a change both sides made is one change (diff3\'s false-conflict rule)', () => {
  // The service stack before and after `--ingest sqs`: the new block starts with a blank line
  // and the line after it is blank too, so "inserted after the loop" and "inserted after the
  // blank line" are both valid diffs. Yours and the generator's must be aligned alike.
  const before = lines('    for (const operation of operations) {', '      route(operation);', '    }', '', '    if (props.domain) map(api);', '  }', '}');
  const ingest = ['', '    // Storage-first: API Gateway puts each POST into a queue.', '    new SqsIngest(this, \'Ingest\', { service });'];
  const after = before.replace('    }\n', `    }\n${ingest.join('\n')}\n`);
  const generatorLines = after.split('\n').slice(0, -1);

  it('takes the generator\'s change once when you made it by hand and added a line after it', () => {
    const yours = after.replace('    if (props.domain) map(api);\n', '    if (props.domain) map(api);\n    // mine\n');
    expect(mergeThreeWay(before, yours, after)).toEqual({ text: yours, conflicts: 0 });
  });

  it.each(generatorLines.map((_, index) => index))('takes it once with a line of yours after line %i', (index) => {
    const yours = lines(...generatorLines.slice(0, index + 1), '    // mine', ...generatorLines.slice(index + 1));
    expect(mergeThreeWay(before, yours, after)).toEqual({ text: yours, conflicts: 0 });
  });

  it('takes both insertions at one place when yours holds the generator\'s and more', () => {
    const yours = before.replace('    }\n', `    }\n    // mine\n${ingest.join('\n')}\n`);
    expect(mergeThreeWay(before, yours, after)).toEqual({ text: yours, conflicts: 0 });
    expect(mergeThreeWay(before, after, yours)).toEqual({ text: yours, conflicts: 0 });
  });

  it('takes an identical deletion once, next to an edit of yours', () => {
    const generator = before.replace('    if (props.domain) map(api);\n', '');
    const yours = generator.replace('      route(operation);', '      route(operation); // mine');
    expect(mergeThreeWay(before, yours, generator)).toEqual({ text: yours, conflicts: 0 });
  });

  it('takes an identical replacement once, while the generator also changes another line', () => {
    const both = before.replace('      route(operation);', '      this.route(operation);');
    const generator = both.replace('  }\n}\n', '  }\n}\n// end\n');
    expect(mergeThreeWay(before, both, generator)).toEqual({ text: generator, conflicts: 0 });
  });
});

describe('property: yours already holds the generator\'s change, plus edits of your own elsewhere', () => {
  // Lines repeat (blank lines, braces) as code does, so alignments are ambiguous.
  const vocabulary = ['', '}', '  }', '    return;', '  // note'];
  it.each(Array.from({ length: 150 }, (_, i) => i + 1))('seed %i: the merge is yours, once', (seed) => {
    const random = prng(seed * 7919);
    let fresh = 0;
    const line = () => (random.next() < 0.5 ? vocabulary[random.int(0, vocabulary.length - 1)]! : `  stmt${fresh++};`);
    const base = Array.from({ length: random.int(6, 30) }, line);
    const edits: Edit[] = [];
    let cursor = 0;
    for (let count = random.int(1, 5); count > 0 && cursor <= base.length; count--) {
      const start = random.int(cursor, Math.min(base.length, cursor + 6));
      const end = random.int(start, Math.min(base.length, start + 3));
      const added = Array.from({ length: random.int(end === start ? 1 : 0, 4) }, line);
      edits.push({ start, end, lines: added, side: random.next() < 0.5 ? 'yours' : 'generator' });
      // Two untouched base lines between regions: your edits never touch the generator's.
      cursor = end + 2;
    }
    const generator = applyEdits(base, edits.filter((e) => e.side === 'generator'));
    const yours = applyEdits(base, edits);
    const text = (list: readonly string[]) => (list.length === 0 ? '' : `${list.join('\n')}\n`);
    expect(mergeThreeWay(text(base), text(yours), text(generator))).toEqual({ text: text(yours), conflicts: 0 });
  });
});
