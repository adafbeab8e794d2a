import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One `npm install` per set of dependencies, shared by every generated project that declares
 * exactly that set: the projects pin exact versions, so two with the same package.json
 * dependencies get the same tree. Each project links to it (node_modules) and gets its
 * lockfile, as if it had installed itself; a missing dependency still fails, since no
 * project sees a package it does not declare.
 */
const root = join(tmpdir(), 'csp-matrix-installs');
const installing = new Map<string, Promise<string>>();

export function dependencyKey(packageJson: { dependencies?: object; devDependencies?: object; overrides?: object }): string {
  const { dependencies = {}, devDependencies = {}, overrides = {} } = packageJson;
  return createHash('sha256').update(JSON.stringify({ dependencies, devDependencies, overrides })).digest('hex').slice(0, 16);
}

/** Links the project to the shared install of its dependencies, installing them first if no project has. */
export async function linkSharedInstall(project: string, env: Record<string, string>): Promise<void> {
  const packageJson = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  const key = dependencyKey(packageJson);
  let pending = installing.get(key);
  if (!pending) {
    pending = install(key, packageJson, env);
    installing.set(key, pending);
  }
  const dir = await pending;
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'), 'dir');
  copyFileSync(join(dir, 'package-lock.json'), join(project, 'package-lock.json'));
}

async function install(key: string, packageJson: object, env: Record<string, string>): Promise<string> {
  const dir = join(root, key);
  const done = join(dir, '.installed');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...packageJson, name: 'shared-install', scripts: {} }, null, 2));
  const result = await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, all: true, reject: false });
  if (result.exitCode !== 0) throw new Error(`npm install of the shared dependencies failed:\n${result.all}`);
  writeFileSync(done, '');
  return dir;
}
