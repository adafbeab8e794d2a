import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteTempDir } from '../support/cli.js';
import { packRepository, type Registry, startRegistry } from '../support/registry.js';
import { changeTemplate, release, replaceIn } from '../support/release.js';

/**
 * Upgrade as the README describes it for a project made by an older release: the base (the
 * files as that release rendered them) is that release's package, fetched from the registry
 * with `npm pack` into the cache once; without the registry and the cache, git history; without
 * those, conflicts. Two releases of this package on a real registry: 0.1.0, and a 0.2.0 whose
 * templates differ in one file that the user edits too. No installs: none is needed here.
 */
const file = 'infra/constructs/service-function.ts';
const generatorLine = { from: ' * A Lambda function with the defaults this project wants everywhere:', to: ' * A Lambda function (0.2.0) with the defaults this project wants everywhere:' };
const userLine = { from: '  readonly description: string;', to: '  readonly description: string; // shown in the console' };

describe('upgrade of a project made by an older release, its base from the registry', () => {
  const work = suiteTempDir('registry-upgrade');
  let registry: Registry;
  let later: string;
  /** The user's environment: only the registry configured; the generator's cache where the README says (under XDG_CACHE_HOME). */
  let env: Record<string, string>;
  const cacheHome = () => join(work(), 'xdg-cache');
  const cached = () => join(cacheHome(), 'create-serverless-pattern', '0.1.0', 'package');
  const users = () => join(work(), 'users');
  const read = (project: string) => readFileSync(join(project, file), 'utf8');

  beforeAll(async () => {
    registry = await startRegistry(join(work(), 'registry'));
    env = { ...registry.env, XDG_CACHE_HOME: cacheHome() };
    const packed = await packRepository(work());
    const first = await release(packed, join(work(), 'releases'), '0.1.0');
    later = await release(packed, join(work(), 'releases'), '0.2.0', (folder) => changeTemplate(folder, generatorLine.from, generatorLine.to));
    await registry.publish(first);
    mkdirSync(users());
  });
  afterAll(async () => {
    await registry?.stop();
  });

  const run = (cmd: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}) =>
    execa(cmd, args, { cwd, env: { ...env, ...extra }, extendEnv: false, all: true, reject: false, stdin: 'ignore' });
  /**
   * A machine that never fetched 0.1.0: the generator's cache empty, and npm's (which serves
   * a tarball it has when the registry is down). npm's retries of a refused connection (10 s
   * and more each) would change nothing but the wait.
   */
  const nothingCached = () => ({ XDG_CACHE_HOME: join(work(), 'empty-cache'), npm_config_cache: join(work(), 'empty-npm-cache'), npm_config_fetch_retries: '0' });
  /** 0.2.0's CLI, installed while the registry was up, for the runs without it. */
  const installed = () => join(work(), 'cli', 'node_modules', '.bin', 'create-serverless-pattern');

  it('generates with 0.1.0 from the registry, then `npx create-serverless-pattern@latest upgrade` (0.2.0) merges with 0.1.0\'s render, fetched with npm pack into the cache: the edit survives', async () => {
    const created = await run('npx', ['create-serverless-pattern@latest', 'app', '--pattern', 'api', '--yes', '--no-install'], users());
    expect(created.exitCode, created.all).toBe(0);
    const app = join(users(), 'app');
    expect((JSON.parse(readFileSync(join(app, '.serverless-pattern.json'), 'utf8')) as { generator: { version: string } }).generator.version).toBe('0.1.0');
    replaceIn(join(app, file), userLine.from, userLine.to);
    expect((await run('git', ['commit', '-qam', 'Describe the functions'], app)).exitCode).toBe(0);
    // The same project three more times, for the runs below without the registry.
    for (const copy of ['app-cached', 'app-no-cache', 'app-no-history']) cpSync(app, join(users(), copy), { recursive: true });
    rmSync(join(users(), 'app-no-history', '.git'), { recursive: true });

    await registry.publish(later);
    const upgraded = await run('npx', ['create-serverless-pattern@latest', 'upgrade', '--yes'], app);
    expect(upgraded.exitCode, upgraded.all).toBe(0);
    expect(upgraded.all).toMatch(/generator 0\.1\.0 → 0\.2\.0, base from create-serverless-pattern@0\.1\.0 \(published\)/);
    expect(upgraded.all).toMatch(new RegExp(`merge\\s+${file}\\s+\\(changed by you and by the generator: merged cleanly; base: the render of the version that made it\\)`));
    expect(read(app)).toContain(userLine.to);
    expect(read(app)).toContain(generatorLine.to);
    expect((JSON.parse(readFileSync(join(cached(), 'package.json'), 'utf8')) as { version: string }).version).toBe('0.1.0');
    expect(existsSync(join(cached(), 'templates', 'service', file))).toBe(true);

    const cli = await run('npm', ['install', '--prefix', join(work(), 'cli'), 'create-serverless-pattern@0.2.0'], work());
    expect(cli.exitCode, cli.all).toBe(0);
  });

  it('with the registry stopped, the next upgrade of a 0.1.0 project takes its base from the cache', async () => {
    await registry.stop();
    const app = join(users(), 'app-cached');
    // npm's own cache empty too: the render comes from the generator's cache or nowhere.
    const upgraded = await run(installed(), ['upgrade', '--yes'], app, { npm_config_cache: join(work(), 'empty-npm-cache'), npm_config_fetch_retries: '0' });
    expect(upgraded.exitCode, upgraded.all).toBe(0);
    expect(upgraded.all).toMatch(/generator 0\.1\.0 → 0\.2\.0, base from create-serverless-pattern@0\.1\.0 \(published\)/);
    expect(upgraded.all).toMatch(new RegExp(`merge\\s+${file}\\s+\\(.*base: the render of the version that made it\\)`));
    expect(read(app)).toContain(userLine.to);
    expect(read(app)).toContain(generatorLine.to);
  });

  it('with the registry stopped and nothing cached: says it has no render, takes the base from git history, and keeps the edit', async () => {
    const app = join(users(), 'app-no-cache');
    const upgraded = await run(installed(), ['upgrade', '--yes'], app, nothingCached());
    expect(upgraded.exitCode, upgraded.all).toBe(0);
    expect(upgraded.all).toMatch(/base from none/);
    expect(upgraded.all).toMatch(/No render of the version that made the project: cannot render the files as version 0\.1\.0 made them \(npm pack create-serverless-pattern@0\.1\.0: .+\)\. Files both sides changed take their base from renders stored by earlier upgrades or git history/);
    expect(upgraded.all).toMatch(new RegExp(`merge\\s+${file}\\s+\\(.*base: git history\\)`));
    expect(read(app)).toContain(userLine.to);
    expect(read(app)).toContain(generatorLine.to);
  });

  it('and without git history either: a conflict (exit 3) that keeps both lines, never an overwrite', async () => {
    const app = join(users(), 'app-no-history');
    const upgraded = await run(installed(), ['upgrade', '--yes'], app, nothingCached());
    expect(upgraded.exitCode, upgraded.all).toBe(3);
    expect(upgraded.all).toMatch(new RegExp(`conflict\\s+${file}`));
    const text = read(app);
    expect(text).toContain('<<<<<<< yours');
    expect(text).toContain(userLine.to);
    expect(text).toContain(generatorLine.to);
    expect(text).toContain('>>>>>>> generator');
  });
});
