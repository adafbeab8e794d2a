import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { upgrade, type UpgradeOptions } from '../../src/commands/upgrade.js';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { addFile } from '../../src/plan/tree.js';
import { createManifest, type Manifest, manifestPath } from '../../src/write/manifest.js';
import { writeTree } from '../../src/write/writer.js';

/**
 * A project generated in memory exactly as `create` writes it, in a temp folder per test,
 * with what upgrade prints captured: the shared setup of the upgrade unit tests.
 */
export function upgradeFixture() {
  let root = '';
  let output: string[] = [];
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'csp-upgrade-'));
    output = [];
    const capture = (chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });

  const answersWith = (answers: Partial<Answers> = {}): Answers => ({ ...defaultAnswers(), name: 'app', ...answers });
  const file = (dir: string, path: string) => join(dir, path);
  const read = (dir: string, path: string) => readFileSync(file(dir, path), 'utf8');

  return {
    root: () => root,
    printed: () => output.join(''),
    answersWith,
    file,
    read,
    generate(answers: Partial<Answers> = {}, name = 'app'): string {
      const dir = join(root, name);
      const all = answersWith(answers);
      const tree = buildPlan({ answers: all, packageManager: 'npm' });
      addFile(tree, manifestPath, createManifest(tree, all, 'npm'));
      writeTree(tree, dir, { force: false });
      return dir;
    },
    rendered: (path: string, answers: Partial<Answers>) => buildPlan({ answers: answersWith(answers), packageManager: 'npm' }).get(path)!.content,
    run(dir: string, flags: UpgradeOptions['flags'] = {}, options: Partial<UpgradeOptions> = {}) {
      return upgrade({ directory: dir, flags, yes: true, interactive: false, dryRun: false, json: false, allowDirty: false, install: false, ...options });
    },
    edit(dir: string, path: string, change: (text: string) => string) {
      const before = read(dir, path);
      const after = change(before);
      expect(after).not.toBe(before);
      writeFileSync(file(dir, path), after);
    },
    manifestOf: (dir: string) => JSON.parse(read(dir, manifestPath)) as Manifest,
    writeManifest(dir: string, manifest: Manifest) {
      writeFileSync(file(dir, manifestPath), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    /** git in the project, with an identity of its own. */
    git: (dir: string, ...args: string[]) => execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir }),
  };
}

/** Every entry with its sha256, mode and mtime (a link as a link): "nothing changed" is an equal snapshot. */
export function snapshot(dir: string, { skip = /^\.git(\/|$)/ }: { skip?: RegExp } = {}): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !skip.test(path))
    .sort();
  return Object.fromEntries(
    entries.map((path) => {
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) return [path, 'dir'];
      if (stat.isSymbolicLink()) return [path, 'link'];
      return [path, `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${stat.mode} ${stat.mtimeMs}`];
    }),
  );
}
