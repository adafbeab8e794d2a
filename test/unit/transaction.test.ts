import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalName } from '../../src/write/journal.js';
import { recoverInterrupted } from '../../src/write/recover.js';
import { diskSink, type Edit } from '../../src/write/sink.js';
import { openTransaction, stagingName } from '../../src/write/transaction.js';

/**
 * The write transaction under faults: a write that fails part-way, a rollback that cannot
 * restore everything, and a run killed outright at every step, recovered by the next run.
 */

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'csp-transaction-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every entry with its bytes and mode (mtime too: a restored original is the original, not a copy). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((path) => {
        const stat = lstatSync(join(dir, path));
        if (stat.isDirectory()) return [path, 'dir'];
        return [path, `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${stat.mode} ${stat.mtimeMs}`];
      }),
  );
}

/** A project with files to replace, to remove and to keep. */
function project(): string {
  const dir = join(root, 'app');
  mkdirSync(join(dir, 'infra/stacks'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), 'USER README\n');
  writeFileSync(join(dir, 'infra/config.ts'), 'old config\n');
  writeFileSync(join(dir, 'infra/stacks/auth-stack.ts'), 'old auth\n');
  writeFileSync(join(dir, 'notes.md'), 'mine\n');
  return dir;
}

const edits: Edit[] = [
  { path: 'README.md', content: 'new README\n' },
  { path: 'infra/config.ts', content: 'new config\n' },
  { path: 'infra/stacks/auth-stack.ts', remove: true },
  { path: 'services/items/handlers/create.ts', content: 'new handler\n', mode: 0o755 },
  { path: 'zz-last.json', content: '{}\n' },
];

/** A pid no process has: that of one that has ended. */
function deadPid(): number {
  return spawnSync('node', ['-e', '0']).pid;
}

describe('a write that fails part-way', () => {
  it('restores every replaced and removed file and removes every added one and its folders', () => {
    const dir = project();
    const before = snapshot(dir);
    const failing: Edit = {
      path: 'zz-last.json',
      get content(): string {
        throw new Error('disk full');
      },
    };
    expect(() => diskSink.apply(dir, [...edits.slice(0, -1), failing])).toThrow('disk full');
    expect(snapshot(dir)).toEqual(before);
  });

  it('when one original cannot be put back, restores all the others, keeps that one beside it and the journal for the next run', () => {
    const dir = project();
    const before = snapshot(dir);
    const sabotage: Edit = {
      path: 'zz-last.json',
      // Something takes README.md's place while we write: its original cannot be renamed back.
      get content(): string {
        rmSync(join(dir, 'README.md'));
        mkdirSync(join(dir, 'README.md/held'), { recursive: true });
        throw new Error('disk full');
      },
    };
    expect(() => diskSink.apply(dir, [...edits.slice(0, -1), sabotage])).toThrow(
      /^disk full; then could not restore 1 file\(s\) \(README\.md: .+\); the originals are kept beside them as <file>\.\d+\.orig and the next run restores them$/,
    );
    expect(readFileSync(join(dir, `README.md.${process.pid}.orig`), 'utf8')).toBe('USER README\n');
    expect(readFileSync(join(dir, 'infra/config.ts'), 'utf8')).toBe('old config\n');
    expect(readFileSync(join(dir, 'infra/stacks/auth-stack.ts'), 'utf8')).toBe('old auth\n');
    expect(existsSync(join(dir, 'services'))).toBe(false);
    expect(existsSync(join(dir, journalName(process.pid)))).toBe(true);

    // Once what was in the way is gone, the next run finishes the rollback.
    rmSync(join(dir, 'README.md'), { recursive: true });
    expect(recoverInterrupted(dir)).toEqual([expect.stringMatching(/^An earlier run \(pid \d+\) was interrupted while writing: rolled back its 4 file change\(s\)/)]);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a run killed outright (SIGKILL, power cut), recovered by the next run', () => {
  it.each(Array.from({ length: edits.length + 1 }, (_, steps) => steps))('after %i steps: rolled back, every file as it was', (steps) => {
    const dir = project();
    const before = snapshot(dir);
    const transaction = openTransaction(dir);
    for (const edit of edits.slice(0, steps)) {
      if ('remove' in edit) transaction.remove(edit.path);
      else transaction.write(edit.path, edit.content, edit.mode);
    }
    // No commit, no rollback: the process is gone. The journal is what is left.
    const notes = recoverInterrupted(dir);
    expect(notes).toHaveLength(steps === 0 ? 0 : 1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('after the commit mark: finished, the new files kept and the originals deleted', () => {
    const dir = project();
    const transaction = openTransaction(dir);
    for (const edit of edits) {
      if ('remove' in edit) transaction.remove(edit.path);
      else transaction.write(edit.path, edit.content, edit.mode);
    }
    appendFileSync(join(dir, journalName(process.pid)), '{"commit":true}\n');
    expect(recoverInterrupted(dir)).toEqual([expect.stringMatching(/interrupted after writing every file: finished it/)]);
    expect(readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()).toEqual([
      'README.md',
      'infra',
      'infra/config.ts',
      'notes.md',
      'services',
      'services/items',
      'services/items/handlers',
      'services/items/handlers/create.ts',
      'zz-last.json',
    ]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('new README\n');
  });

  it('killed while finishing (some originals and folders already gone): the next run finishes the rest, no empty folder left', () => {
    const dir = project();
    mkdirSync(join(dir, 'services/orders/handlers'), { recursive: true });
    mkdirSync(join(dir, 'services/orders/lib'), { recursive: true });
    for (const path of ['services/orders/handlers/get.ts', 'services/orders/lib/item.ts']) writeFileSync(join(dir, path), 'orders\n');
    const transaction = openTransaction(dir);
    transaction.remove('services/orders/handlers/get.ts');
    transaction.remove('services/orders/lib/item.ts');
    appendFileSync(join(dir, journalName(process.pid)), '{"commit":true}\n');
    // The killed run had deleted both originals and their folders, not yet services/orders above them.
    for (const folder of ['services/orders/handlers', 'services/orders/lib']) rmSync(join(dir, folder), { recursive: true });
    recoverInterrupted(dir);
    expect(existsSync(join(dir, 'services'))).toBe(false);
  });

  it('a journal cut short in its last line: that step was never taken', () => {
    const dir = project();
    const before = snapshot(dir);
    const transaction = openTransaction(dir);
    transaction.write('README.md', 'new README\n');
    appendFileSync(join(dir, journalName(process.pid)), '{"write":"infra/con');
    recoverInterrupted(dir);
    expect(snapshot(dir)).toEqual(before);
  });

  it('the staging folder of a new project is removed, and the note says whose it was', () => {
    const pid = deadPid();
    const staging = join(root, stagingName('app', pid));
    mkdirSync(join(staging, 'infra'), { recursive: true });
    expect(recoverInterrupted(join(root, 'app'))).toEqual([`Removed ${stagingName('app', pid)}, the unfinished project of an interrupted run (pid ${pid})`]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('a dry run says what a real run would do, and changes nothing', () => {
    const dir = project();
    const pid = deadPid();
    writeFileSync(join(dir, journalName(pid)), '{"write":"README.md","existed":true,"dirs":[]}\n');
    const before = snapshot(dir);
    expect(recoverInterrupted(dir, { dryRun: true })).toEqual([expect.stringMatching(/: a real run first rolls back its 1 file change\(s\)$/)]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses while the run that wrote the journal is still alive', () => {
    const dir = project();
    writeFileSync(join(dir, journalName(process.ppid)), '{"write":"README.md","existed":true,"dirs":[]}\n');
    expect(() => recoverInterrupted(dir)).toThrow(`Another run (pid ${process.ppid}) is writing ${dir} right now: wait for it to end, then run again`);
  });
});
