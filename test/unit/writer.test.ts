import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/errors.js';
import type { FileTree } from '../../src/plan/tree.js';
import { contentHash } from '../../src/write/manifest.js';
import { diffTree, writeTree } from '../../src/write/writer.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'csp-writer-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const tree = (files: Record<string, string>): FileTree => new Map(Object.entries(files).map(([path, content]) => [path, { content }]));
const listAll = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('writing a new project', () => {
  it('creates the folder with every file, and nothing else beside it', () => {
    const target = join(root, 'app');
    const changes = writeTree(tree({ 'a.txt': 'A', 'deep/b.txt': 'B' }), target, { force: false });
    expect(changes).toEqual([
      { path: 'a.txt', status: 'create' },
      { path: 'deep/b.txt', status: 'create' },
    ]);
    expect(readFileSync(join(target, 'deep/b.txt'), 'utf8')).toBe('B');
    expect(readdirSync(root)).toEqual(['app']);
  });

  it('writes into an existing empty folder', () => {
    const target = join(root, 'empty');
    mkdirSync(target);
    writeTree(tree({ 'a.txt': 'A' }), target, { force: false });
    expect(listAll(target)).toEqual(['a.txt']);
  });

  it('writes into an existing empty folder in place: the folder stays the same folder (a shell inside it keeps working)', () => {
    const target = join(root, 'empty');
    mkdirSync(target);
    const inode = statSync(target).ino;
    writeTree(tree({ 'a.txt': 'A', 'deep/b.txt': 'B' }), target, { force: false });
    expect(statSync(target).ino).toBe(inode);
    expect(listAll(target)).toEqual(['a.txt', 'deep', 'deep/b.txt']);
  });

  it('writes through a symbolic link to an empty folder, into that folder', () => {
    mkdirSync(join(root, 'real'));
    symlinkSync('real', join(root, 'link'));
    writeTree(tree({ 'a.txt': 'A' }), join(root, 'link'), { force: false });
    expect(lstatSync(join(root, 'link')).isSymbolicLink()).toBe(true);
    expect(listAll(join(root, 'real'))).toEqual(['a.txt']);
  });

  it('keeps executable bits', () => {
    const target = join(root, 'app');
    writeTree(new Map([['run.sh', { content: '#!/bin/sh\n', mode: 0o755 }]]), target, { force: false });
    expect(statSync(join(target, 'run.sh')).mode & 0o111).not.toBe(0);
  });

  it('leaves nothing behind when a write fails half-way', () => {
    const target = join(root, 'app');
    const broken: FileTree = tree({ 'a.txt': 'A' });
    broken.set('b.txt', {
      get content(): string {
        throw new Error('disk full');
      },
    });
    expect(() => writeTree(broken, target, { force: false })).toThrow('disk full');
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('writing into a folder that has files', () => {
  it('refuses without --force, with exit 2, touching nothing', () => {
    writeFileSync(join(root, 'mine.txt'), 'mine');
    const error = (() => {
      try {
        writeTree(tree({ 'a.txt': 'A' }), root, { force: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    expect((error as CliError).message).toMatch(/is not empty; .*--force/);
    expect(listAll(root)).toEqual(['mine.txt']);
  });

  it('refuses a target that is a file', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => writeTree(tree({ 'a.txt': 'A' }), file, { force: true })).toThrow(/exists and is not a folder/);
  });

  it('with --force adds its files, replaces same-named ones and deletes nothing', () => {
    writeFileSync(join(root, 'mine.txt'), 'mine');
    writeFileSync(join(root, 'same.txt'), 'S');
    writeFileSync(join(root, 'clash.txt'), 'theirs');
    const changes = writeTree(tree({ 'same.txt': 'S', 'clash.txt': 'ours', 'new.txt': 'N' }), root, { force: true });
    expect(changes.map((c) => `${c.status} ${c.path}`)).toEqual(['overwrite clash.txt', 'create new.txt', 'identical same.txt']);
    expect(readFileSync(join(root, 'clash.txt'), 'utf8')).toBe('ours');
    expect(readFileSync(join(root, 'mine.txt'), 'utf8')).toBe('mine');
    expect(listAll(root)).toEqual(['clash.txt', 'mine.txt', 'new.txt', 'same.txt']);
  });

  it('with --force restores every replaced file and removes every added one when a write fails', () => {
    writeFileSync(join(root, 'clash.txt'), 'theirs');
    const files = tree({ 'a-new.txt': 'N', 'clash.txt': 'ours' });
    files.set('z-last.txt', {
      get content(): string {
        throw new Error('cannot write');
      },
    });
    expect(() => writeTree(files, root, { force: true })).toThrow('cannot write');
    expect(readFileSync(join(root, 'clash.txt'), 'utf8')).toBe('theirs');
    expect(listAll(root)).toEqual(['clash.txt']);
  });
});

describe('targets that cannot be written: refused with exit 2 before anything is', () => {
  const refused = (target: string, message: string, options = { force: false }) => {
    const before = listAll(root);
    let error: unknown;
    try {
      writeTree(tree({ 'a.txt': 'A', 'infra/app.ts': 'app' }), target, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    expect((error as CliError).message).toBe(message);
    expect(listAll(root)).toEqual(before);
  };

  it('a folder name longer than a file system allows', () => {
    const name = 'a'.repeat(300);
    refused(join(root, name), 'The folder name "aaaaaaaaaaaaaaaaaaaaaaaa…" is 300 bytes long; file systems allow 255: choose a shorter one');
  });

  it('a place under a file', () => {
    writeFileSync(join(root, 'afile'), 'x');
    refused(join(root, 'afile', 'sub'), `${join(root, 'afile')} is a file, so ${join(root, 'afile', 'sub')} cannot be created: choose another directory`);
  });

  it('a symbolic link to nothing', () => {
    symlinkSync('nowhere', join(root, 'dangling'));
    refused(join(root, 'dangling'), `${join(root, 'dangling')} is a symbolic link to nowhere, which does not exist: create that folder or remove the link`);
  });

  it('with --force, a file where the generator needs a folder', () => {
    writeFileSync(join(root, 'README.md'), 'USER README');
    writeFileSync(join(root, 'infra'), 'x');
    refused(root, 'infra is a file, but the generator writes infra/app.ts in a folder of that name: move it, then run again', { force: true });
  });

  it('with --force, a folder where the generator writes a file', () => {
    mkdirSync(join(root, 'a.txt', 'mine'), { recursive: true });
    refused(root, 'a.txt is a folder, but the generator writes a file there: move it, then run again', { force: true });
  });
});

describe('diffing', () => {
  it('reads the target and reports what writing would do, writing nothing', () => {
    writeFileSync(join(root, 'same.txt'), 'S');
    writeFileSync(join(root, 'other.txt'), 'old');
    expect(diffTree(tree({ 'same.txt': 'S', 'other.txt': 'new', 'added.txt': 'A' }), root).map((c) => c.status)).toEqual(['create', 'overwrite', 'identical']);
    expect(listAll(root)).toEqual(['other.txt', 'same.txt']);
  });
});

describe('manifest hashes', () => {
  it('ignore line endings, so a CRLF checkout counts as untouched', () => {
    expect(contentHash('a\r\nb\r\n')).toBe(contentHash('a\nb\n'));
    expect(contentHash('a\nb\n')).not.toBe(contentHash('a\nc\n'));
  });
});
