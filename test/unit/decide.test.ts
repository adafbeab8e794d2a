import { describe, expect, it } from 'vitest';
import { resolveAnswers } from '../../src/options/resolve.js';
import { defaultAnswers } from '../../src/options/answers.js';
import type { FileTree } from '../../src/plan/tree.js';
import { decideFiles } from '../../src/upgrade/decide.js';
import type { DiskFile } from '../../src/upgrade/decision.js';
import { contentHash } from '../../src/write/manifest.js';

/** The per-file decision on its own: four versions of each file in, a status and content out. */
const tree = (files: Record<string, string>): FileTree => new Map(Object.entries(files).map(([path, content]) => [path, { content }]));
const disk = (files: Record<string, string | Buffer>) =>
  new Map<string, DiskFile>(Object.entries(files).map(([path, content]) => [path, { bytes: Buffer.from(content), mode: 0o644 }]));
const hashes = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, content]) => [path, contentHash(content)]));

const generated = { 'a.ts': 'one\ntwo\nthree\nfour\nfive\n' };

function decide(onDisk: Record<string, string | Buffer>, target: Record<string, string>, base: Record<string, string> | undefined = generated) {
  return decideFiles({ manifestHashes: hashes(generated), base: base && tree(base), target: tree(target), disk: disk(onDisk) });
}

describe('deciding what upgrade does to a file', () => {
  it('merges three-way where the base render reproduces the generated file', () => {
    const [decision] = decide({ 'a.ts': 'ONE\ntwo\nthree\nfour\nfive\n' }, { 'a.ts': 'one\ntwo\nthree\nfour\nFIVE\n' });
    expect(decision).toMatchObject({ status: 'merge', reason: 'changed by you and by the generator: merged cleanly' });
    expect(decision!.after!.toString()).toBe('ONE\ntwo\nthree\nfour\nFIVE\n');
  });

  it('does not trust a base render that differs from what was generated: every difference conflicts', () => {
    const [decision] = decide({ 'a.ts': 'ONE\ntwo\nthree\nfour\nfive\n' }, { 'a.ts': 'one\ntwo\nthree\nfour\nFIVE\n' }, { 'a.ts': 'templates changed without a version bump\n' });
    expect(decision!.status).toBe('conflict');
    expect(decision!.reason).toMatch(/the base render does not reproduce the file as generated: 2 conflict blocks to resolve/);
    expect(decision!.conflicts).toEqual(['lines 1-5', 'lines 9-13']);
  });

  it('still updates a file you never touched when there is no base at all: its hash proves it', () => {
    const [decision] = decide(generated, { 'a.ts': 'one\ntwo\nthree\nfour\nFIVE\n' }, undefined);
    expect(decision).toMatchObject({ status: 'update' });
  });

  it('counts a file you already changed as the generator now renders it (here with CRLF) as unchanged', () => {
    const [decision] = decide({ 'a.ts': 'one\r\ntwo\r\nthree\r\nfour\r\nFIVE\r\n' }, { 'a.ts': 'one\ntwo\nthree\nfour\nFIVE\n' });
    expect(decision).toMatchObject({ status: 'unchanged', reason: "you already made the generator's change" });
  });

  it('adds a new file, and leaves a file alone that neither the manifest nor the target knows', () => {
    const decisions = decide({ ...generated, 'mine.ts': 'x\n' }, { ...generated, 'b.ts': 'new\n' });
    expect(decisions.map((d) => `${d.status} ${d.path}`)).toEqual(['unchanged a.ts', 'add b.ts']);
  });
});

describe('answers on upgrade', () => {
  it('keep the stored ones, take the flags given, and take a new preset\'s answers when the pattern changes', async () => {
    const stored = { ...defaultAnswers(), name: 'shop', pattern: 'spa' as const, frontend: 'spa' as const, region: 'eu-west-1' };
    const { answers } = await resolveAnswers({ directory: 'shop', flags: { pattern: 'api' }, stored, yes: true });
    expect(answers.frontend).toBe('none');
    expect(answers.region).toBe('eu-west-1');
    expect(answers.name).toBe('shop');
  });
});
