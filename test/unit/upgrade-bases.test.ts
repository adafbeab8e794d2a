import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { contentHash } from '../../src/write/manifest.js';
import { baseRef } from '../../src/upgrade/stored-base.js';
import { upgradeFixture } from '../support/upgrade-fixture.js';

/**
 * Where each merge's base comes from when the version that made the project cannot render
 * it: renders stored by earlier upgrades on a hidden ref, then git history, else none, and
 * the report says which. And what an upgrade leaves for the next one to find.
 */
const fx = upgradeFixture();
const config = 'infra/config.ts';

/** As if the project had been made by a version this machine cannot get (no registry, nothing cached). */
function unavailableVersion(dir: string) {
  const manifest = fx.manifestOf(dir);
  manifest.generator.version = '0.0.1-unavailable';
  fx.writeManifest(dir, manifest);
  vi.stubEnv('CREATE_SERVERLESS_PATTERN_CACHE', join(fx.root(), 'cache'));
  vi.stubEnv('npm_config_offline', 'true');
}

async function committed(dir: string, message: string) {
  await fx.git(dir, 'add', '--all');
  await fx.git(dir, 'commit', '--quiet', '--allow-empty', '--message', message);
}

describe('the render stored on a hidden ref', () => {
  it('holds every file as this upgrade rendered it, outside every branch', async () => {
    const dir = fx.generate();
    await fx.git(dir, 'init', '--quiet');
    await committed(dir, 'Initial commit from create-serverless-pattern');
    fx.edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    await committed(dir, 'Staging');
    expect(await fx.run(dir, { cache: true })).toBe(ExitCode.ok);

    expect((await fx.git(dir, 'show', `${baseRef}:${config}`)).stdout).toBe(fx.rendered(config, { cache: true }).replace(/\n$/, ''));
    expect((await fx.git(dir, 'branch', '--all')).stdout).not.toContain('create-serverless-pattern');
    expect((await fx.git(dir, 'status', '--porcelain')).stdout).toMatch(/^ M /m);
  });

  it('is the base of the next upgrade when no render of that version can be had, where git history has only the merged file', async () => {
    const dir = fx.generate();
    await fx.git(dir, 'init', '--quiet');
    await committed(dir, 'Initial commit from create-serverless-pattern');
    fx.edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    await committed(dir, 'Staging');
    expect(await fx.run(dir, { cache: true })).toBe(ExitCode.ok);
    await committed(dir, 'Upgrade: cache');

    unavailableVersion(dir);
    await committed(dir, 'Pretend an older generator');
    expect(await fx.run(dir, { throttle: '10:20' })).toBe(ExitCode.ok);
    expect(fx.printed()).toContain('Found the base of 1 file in a render stored by an earlier upgrade: it merges three-way.');
    expect(fx.printed()).toMatch(/merge\s+infra\/config\.ts\s+\(changed by you and by the generator: merged cleanly; base: a render stored by an earlier upgrade\)/);
    const merged = fx.read(dir, config);
    expect(merged).toContain("defaultStage: 'dev',");
    expect(merged).toContain('cache: { enabled: true,');
    expect(merged).toContain('throttle: { rateLimit: 10, burstLimit: 20 },');
  });

  it('without it (and without a render or history), the same upgrade merges two-way and says so', async () => {
    const dir = fx.generate();
    fx.edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    unavailableVersion(dir);
    expect(await fx.run(dir, { throttle: '10:20' })).toBe(ExitCode.conflicts);
    expect(fx.printed()).toMatch(/conflict\s+infra\/config\.ts\s+\(.*; base: none found: merged two-way\)/);
  });
});

describe('what the manifest records', () => {
  it('for package.json values of yours kept over the generator\'s: the base, so the next upgrade offers them again', async () => {
    const dir = fx.generate();
    const generated = fx.read(dir, 'package.json');
    await fx.git(dir, 'init', '--quiet');
    fx.edit(dir, 'package.json', (text) => text.replace('"name": "app"', '"name": "my-shop"'));
    await committed(dir, 'Our name');
    expect(await fx.run(dir, { name: 'shop' })).toBe(ExitCode.ok);
    await committed(dir, 'Upgrade: name');
    expect(fx.printed()).toContain('name: kept yours "my-shop" (the generator now has "shop")');
    expect(fx.manifestOf(dir).files['package.json']).toBe(contentHash(generated));
    expect(fx.manifestOf(dir).files[config]).toBe(contentHash(fx.rendered(config, { name: 'shop' })));

    expect(await fx.run(dir)).toBe(ExitCode.ok);
    expect(fx.printed().split('kept yours "my-shop"').length - 1).toBe(2);
  });

  it('with no base, package.json values in conflict are marked in the file, and exit 3 stays until the marks are gone', async () => {
    const dir = fx.generate();
    fx.edit(dir, 'package.json', (text) => text.replace('"test": "vitest run"', '"test": "vitest run --coverage"'));
    unavailableVersion(dir);
    const manifest = fx.manifestOf(dir);
    manifest.files['package.json'] = contentHash('{"older": "render"}\n');
    fx.writeManifest(dir, manifest);
    expect(await fx.run(dir)).toBe(ExitCode.conflicts);
    expect(fx.read(dir, 'package.json')).toContain('<<<<<<< yours\n    "test": "vitest run --coverage",\n=======\n    "test": "vitest run",\n>>>>>>> generator\n');
    expect(await fx.run(dir)).toBe(ExitCode.conflicts);
    fx.edit(dir, 'package.json', (text) => text.replace(/<<<<<<< yours\n(.*)\n=======\n.*\n>>>>>>> generator\n/, '$1\n'));
    expect(await fx.run(dir)).toBe(ExitCode.ok);
    expect(JSON.parse(fx.read(dir, 'package.json')).scripts.test).toBe('vitest run --coverage');
  });
});

describe('the project\'s type-check after an upgrade that wrote files', () => {
  /** An installed `tsc` that says what the project's would. */
  function installedTsc(dir: string, output: string, exitCode: number) {
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/.bin/tsc'), `#!/bin/sh\nprintf '%s\\n' ${JSON.stringify(output)}\nexit ${exitCode}\n`);
    chmodSync(join(dir, 'node_modules/.bin/tsc'), 0o755);
  }

  it('reports what broke, and the exit code stays the upgrade\'s', async () => {
    const dir = fx.generate({ auth: 'cognito' });
    fx.edit(dir, 'infra/stacks/auth-stack.ts', (text) => `// tuned\n${text}`);
    installedTsc(dir, "infra/stacks/auth-stack.ts(3,31): error TS2307: Cannot find module '../constructs/user-directory.js'.", 2);
    expect(await fx.run(dir, { auth: 'none' })).toBe(ExitCode.conflicts);
    expect(fx.printed()).toContain('The project no longer type-checks after the upgrade: 1 error(s):');
    expect(fx.printed()).toContain("infra/stacks/auth-stack.ts(3,31): error TS2307: Cannot find module '../constructs/user-directory.js'.");
  });

  it('says so when it passes; is skipped when the dependencies are not installed', async () => {
    const dir = fx.generate();
    installedTsc(dir, '', 0);
    expect(await fx.run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(fx.printed()).toContain('The project type-checks.');
    const bare = fx.generate({}, 'bare');
    expect(await fx.run(bare, { cache: true })).toBe(ExitCode.ok);
    expect(fx.printed().split('Type-checking').length - 1).toBe(1);
  });
});
