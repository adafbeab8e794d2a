import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetIds } from '../../src/options/presets.js';
import { cliBin, repoRoot, suiteTempDir } from '../support/cli.js';
import { packRepository, packToolkit } from '../support/registry.js';

/**
 * The package as npm publishes it: exactly what the CLI needs, nothing to install beside
 * it, and the same projects from the tarball as from this checkout.
 */
describe('the packed package', () => {
  const work = suiteTempDir('package');
  let tarball: string;

  beforeAll(async () => {
    tarball = await packRepository(work());
  });

  it('holds bin, dist, templates, README, LICENSE and package.json, and nothing else', async () => {
    const listing = await execa('tar', ['-tzf', tarball]);
    const packed = listing.stdout.split('\n').map((path) => path.replace(/^package\//, '')).sort();
    const files = (dir: string) => readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(repoRoot.length));
    expect(packed).toEqual(['LICENSE', 'README.md', 'bin/create-serverless-pattern.js', ...files('dist'), ...files('templates'), 'package.json'].sort());
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('installs from the tarball with no registry and an empty cache: it has no dependency to resolve', async () => {
    const result = await execa('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--no-package-lock'], {
      cwd: work(),
      all: true,
      reject: false,
      env: { npm_config_cache: join(work(), 'empty-cache'), npm_config_registry: 'http://127.0.0.1:9/' },
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/added 1 package/);
    const pkg = JSON.parse(readFileSync(join(work(), 'node_modules', 'create-serverless-pattern', 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) expect(pkg[field], field).toBeUndefined();
    expect(pkg.engines).toEqual({ node: '>=20.19' });
    expect(readdirSync(join(work(), 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['create-serverless-pattern']);
  });

  it.each(presetIds)('generates %s exactly as this checkout does', async (preset) => {
    // Two folders, one project name: the name is in the files, the folder is not.
    const generate = async (bin: string, folder: string) => {
      const result = await execa('node', [bin, folder, '--name', preset, '--pattern', preset, '--yes', '--no-install', '--no-git'], { cwd: work(), reject: false, all: true, env: { NO_COLOR: '1', CI: '', npm_config_user_agent: '' } });
      expect(result.exitCode, result.all).toBe(0);
      return tree(join(work(), folder));
    };
    const fromPackage = await generate(join(work(), 'node_modules', '.bin', 'create-serverless-pattern'), `packed-${preset}`);
    const fromCheckout = await generate(cliBin, `checkout-${preset}`);
    expect(Object.keys(fromPackage).length).toBeGreaterThan(20);
    expect(fromPackage).toEqual(fromCheckout);
  });
});

/**
 * The toolkit (packages/toolkit) as npm publishes it: its built code, README and licence, at
 * the generator's version; its source and tests stay here.
 */
describe('the packed toolkit', () => {
  const work = suiteTempDir('toolkit-package');
  let tarball: string;

  beforeAll(async () => {
    tarball = await packToolkit(work());
  });

  it('holds bin, dist, README, LICENSE and package.json, and nothing else', async () => {
    const listing = await execa('tar', ['-tzf', tarball]);
    const packed = listing.stdout.split('\n').map((path) => path.replace(/^package\//, ''));
    const toolkit = join(repoRoot, 'packages', 'toolkit');
    const dist = readdirSync(join(toolkit, 'dist'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(toolkit.length + 1));
    expect(packed.sort()).toEqual(['LICENSE', 'README.md', 'bin/serverless-pattern.js', ...dist, 'package.json'].sort());
    expect(dist).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/testing.js', 'dist/function-worker.js', 'dist/types/testing.d.ts']));
  });

  it("is released at the generator's version, and its bin answers --help without loading a command", async () => {
    await execa('tar', ['-xzf', tarball, '-C', work()]);
    const manifest = JSON.parse(readFileSync(join(work(), 'package', 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
    const generator = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({ name: 'serverless-pattern', version: generator.version, bin: { 'serverless-pattern': 'bin/serverless-pattern.js' } });
    // No node_modules beside it: --help needs none of its dependencies.
    const help = await execa('node', [join(work(), 'package', 'bin', 'serverless-pattern.js'), '--help'], { all: true, reject: false });
    expect(help.exitCode, help.all).toBe(0);
    expect(help.all).toMatch(/^usage: serverless-pattern <command> \[options\]\n\n  dev /);
  });
});

/** Every file with its bytes' hash and mode. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((path) => {
        const stat = lstatSync(join(dir, path));
        return [path, stat.isDirectory() ? 'dir' : `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${(stat.mode & 0o777).toString(8)}`];
      }),
  );
}
