import { createHash } from 'node:crypto';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../support/cli.js';
import { inTerminal, type TerminalScript } from '../support/pty.js';

/** `upgrade` through the built CLI, on projects the CLI generated (no install: nothing here is heavy). */
const env = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

async function generate(name: string, extra: string[] = ['--no-git']) {
  const cwd = tempDir(`upgrade-${name}`);
  const result = await runCli([name, '--pattern', 'api', '--no-install', ...extra], { cwd, env });
  expect(result.exitCode, result.all).toBe(0);
  const project = join(cwd, name);
  const path = (file: string) => join(project, file);
  return {
    cwd,
    project,
    read: (file: string) => readFileSync(path(file), 'utf8'),
    edit: (file: string, change: (text: string) => string) => {
      const before = readFileSync(path(file), 'utf8');
      const after = change(before);
      expect(after).not.toBe(before);
      writeFileSync(path(file), after);
    },
  };
}

describe('upgrade, as a user runs it', () => {
  it('keeps three edits a user made and lands the new answer', async () => {
    const app = await generate('shop');
    app.edit('services/items/handlers/create.ts', (text) => text.replace("logger.info('Item created'", "logger.info('Order item stored'"));
    app.edit('infra/stacks/service-stack.ts', (text) =>
      text.replace("    const item = this.collection.addResource('{id}');", "    // Routes: POST/GET /<service>, GET/PUT/DELETE /<service>/{id}\n    const item = this.collection.addResource('{id}');"),
    );
    app.edit('package.json', (text) => {
      const pkg = JSON.parse(text) as { scripts: Record<string, string> };
      pkg.scripts.typecheck = 'tsc --noEmit --pretty';
      return `${JSON.stringify(pkg, null, 2)}\n`;
    });
    const handler = app.read('services/items/handlers/create.ts');
    const stack = app.read('infra/stacks/service-stack.ts');

    const { exitCode, stdout, all } = await runCli(['upgrade', '--cache', '--yes'], { cwd: app.project, env });
    expect(exitCode, all).toBe(0);
    expect(stdout).toMatch(/--cache: false → true/);
    expect(stdout).toMatch(/update\s+infra\/config\.ts/);
    expect(stdout).toMatch(/keep-user\s+infra\/stacks\/service-stack\.ts/);
    expect(app.read('services/items/handlers/create.ts')).toBe(handler);
    expect(app.read('infra/stacks/service-stack.ts')).toBe(stack);
    expect((JSON.parse(app.read('package.json')) as { scripts: Record<string, string> }).scripts.typecheck).toBe('tsc --noEmit --pretty');
    expect(app.read('infra/config.ts')).toContain("cache: { enabled: true, ttlSeconds: 60, sizeGb: '0.5' },");
    expect((JSON.parse(app.read('.serverless-pattern.json')) as { answers: { cache: boolean } }).answers.cache).toBe(true);

    // Running it again with the same answers changes nothing.
    const again = await runCli(['upgrade', '.', '--yes'], { cwd: app.project, env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Already up to date');
  });

  it('refuses a project with uncommitted changes (exit 2, nothing written) unless --allow-dirty', async () => {
    const app = await generate('dirty', []);
    app.edit('infra/config.ts', (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    const before = app.read('infra/config.ts');

    const refused = await runCli(['upgrade', 'dirty', '--cache', '--yes'], { cwd: app.cwd, env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe('error: Uncommitted changes in dirty (1 file): commit or stash them first, or pass --allow-dirty\n  infra/config.ts');
    expect(app.read('infra/config.ts')).toBe(before);

    const allowed = await runCli(['upgrade', 'dirty', '--cache', '--yes', '--allow-dirty'], { cwd: app.cwd, env });
    expect(allowed.exitCode, allowed.all).toBe(0);
    expect(app.read('infra/config.ts')).toContain("defaultStage: 'dev',");
    expect(app.read('infra/config.ts')).toContain('cache: { enabled: true,');
  });

  it('renders the base with the package given by --base-from', async () => {
    const app = await generate('based');
    app.edit('infra/config.ts', (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    const { exitCode, stdout, all } = await runCli(['upgrade', '--throttle', '10:20', '--yes', '--base-from', repoRoot], { cwd: app.project, env });
    expect(exitCode, all).toBe(0);
    expect(stdout).toMatch(/base from --base-from /);
    expect(stdout).toMatch(/merge\s+infra\/config\.ts\s+\(changed by you and by the generator: merged cleanly; base: the render of the version that made it\)/);
    expect(app.read('infra/config.ts')).toContain('throttle: { rateLimit: 10, burstLimit: 20 },');
  });

  it('renders the base of an older version with that version\'s package from the cache, offline', async () => {
    const app = await generate('older');
    // Stand in an "older release" in the cache, as `npm pack` would have left it: this package, renumbered.
    const cache = tempDir('upgrade-cache');
    const older = join(cache, '0.0.9', 'package');
    for (const folder of ['bin', 'dist', 'templates']) cpSync(join(repoRoot, folder), join(older, folder), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(older, 'package.json'), JSON.stringify({ ...pkg, version: '0.0.9' }));
    symlinkSync(join(repoRoot, 'node_modules'), join(older, 'node_modules'));
    const manifest = JSON.parse(app.read('.serverless-pattern.json')) as { generator: { version: string } };
    manifest.generator.version = '0.0.9';
    writeFileSync(join(app.project, '.serverless-pattern.json'), JSON.stringify(manifest));
    app.edit('infra/config.ts', (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));

    const { exitCode, stdout, all } = await runCli(['upgrade', '--cache', '--yes'], { cwd: app.project, env: { ...env, CREATE_SERVERLESS_PATTERN_CACHE: cache, npm_config_offline: 'true' } });
    expect(exitCode, all).toBe(0);
    expect(stdout).toMatch(/generator 0\.0\.9 → \d+\.\d+\.\d+, base from create-serverless-pattern@0\.0\.9 \(published\)/);
    expect(stdout).toMatch(/merge\s+infra\/config\.ts\s+\(changed by you and by the generator: merged cleanly; base: the render of the version that made it\)/);
    expect(app.read('infra/config.ts')).toContain("defaultStage: 'dev',");
    expect(app.read('infra/config.ts')).toContain('cache: { enabled: true,');
  });

  it('without a terminal and without --yes it never prompts; with --json and a conflict: exit 3 and one document that lists it', async () => {
    const app = await generate('clash');
    app.edit('infra/config.ts', (text) => text.replace('rateLimit: 100, burstLimit: 200', 'rateLimit: 50, burstLimit: 100'));
    const { exitCode, stdout, stderr } = await runCli(['upgrade', '--throttle', '10:20', '--json'], { cwd: app.project, env });
    expect(exitCode).toBe(3);
    const doc = JSON.parse(stdout) as { conflicts: string[]; files: { path: string; status: string }[] };
    expect(doc.conflicts).toEqual(['infra/config.ts']);
    expect(stderr).toMatch(/error: Upgrade left conflicts in 1 file/);
    // The prod stage's throttle, which the user changed, conflicts; dev's takes the new value.
    expect(app.read('infra/config.ts')).toContain('<<<<<<< yours\n      throttle: { rateLimit: 50, burstLimit: 100 },\n||||||| base\n');
    expect(app.read('infra/config.ts')).toContain('>>>>>>> generator\n      alarms: true,');
  });

  it('a file kept after the generator dropped it stays a conflict (exit 3 each time) until it is marked --resolved', async () => {
    const app = await generate('kept', ['--services', 'items,orders', '--no-git']);
    app.edit('services/orders/handlers/create.ts', (text) => `// orders: ours now\n${text}`);
    const first = await runCli(['upgrade', '--services', 'items', '--yes'], { cwd: app.project, env });
    expect(first.exitCode, first.all).toBe(3);
    const again = await runCli(['upgrade', '--yes', '--json'], { cwd: app.project, env });
    expect(again.exitCode, again.all).toBe(3);
    expect((JSON.parse(again.stdout) as { unresolved: string[] }).unresolved).toEqual(['services/orders/handlers/create.ts']);
    expect(again.stderr).toMatch(/error: An earlier upgrade left 1 file in conflict that the generator no longer writes; .*\n {2}services\/orders\/handlers\/create\.ts$/);
    const resolved = await runCli(['upgrade', '--yes', '--resolved', 'services/orders/handlers/create.ts'], { cwd: app.project, env });
    expect(resolved.exitCode, resolved.all).toBe(0);
    expect(app.read('services/orders/handlers/create.ts')).toMatch(/^\/\/ orders: ours now\n/);
    expect((await runCli(['upgrade', '--yes'], { cwd: app.project, env })).exitCode).toBe(0);
  });

  it('refuses a bad answer flag with exit 2, writing nothing', async () => {
    const app = await generate('bad');
    const manifest = app.read('.serverless-pattern.json');
    const { exitCode, stderr } = await runCli(['upgrade', '--throttle', 'fast', '--yes'], { cwd: app.project, env });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^error: Invalid --throttle "fast"/);
    expect(app.read('.serverless-pattern.json')).toBe(manifest);
  });

  it('--help lists the answer flags and its own options', async () => {
    const { stdout, exitCode } = await runCli(['upgrade', '--help'], { cwd: tempDir('upgrade-help') });
    expect(exitCode).toBe(0);
    for (const flag of ['--services', '--auth', '--cache', '--throttle', '--yes', '--dry-run', '--json', '--allow-dirty', '--base-from', '--install']) expect(stdout).toContain(flag);
  });
});

describe('--install', () => {
  it('runs the install in the project when dependencies changed', async () => {
    const app = await generate('deps');
    const older = JSON.parse(app.read('package.json')) as { devDependencies: Record<string, string> };
    delete older.devDependencies['aws-sdk-client-mock'];
    const olderText = `${JSON.stringify(older, null, 2)}\n`;
    writeFileSync(join(app.project, 'package.json'), olderText);
    const manifest = JSON.parse(app.read('.serverless-pattern.json')) as { files: Record<string, string> };
    manifest.files['package.json'] = createHash('sha256').update(olderText).digest('hex');
    writeFileSync(join(app.project, '.serverless-pattern.json'), JSON.stringify(manifest));
    // A stand-in npm that records how it was run.
    const bin = tempDir('upgrade-bin');
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "npm $* @ $(basename "$PWD")" >> "${join(bin, 'calls.log')}"\n`, { mode: 0o755 });

    const { exitCode, all } = await runCli(['upgrade', '--yes', '--install'], { cwd: app.project, env: { ...env, PATH: `${bin}:${process.env.PATH}` } });
    expect(exitCode, all).toBe(0);
    expect(readFileSync(join(bin, 'calls.log'), 'utf8')).toBe('npm install @ deps\n');
    expect(app.read('package.json')).toContain('"aws-sdk-client-mock"');
  });
});

describe('in a terminal', () => {
  /** Keeps every stored answer but the cache, which it turns on. */
  const turnOnTheCache: TerminalScript = [
    ['Service names', '\r'],
    ['Frontend?', '\r'],
    ['Storage-first ingestion?', '\r'],
    ['API authorization?', '\r'],
    ['Cache GET responses', 'y\r'],
    ['Protect the APIs and the site with AWS WAF', '\r'],
    ['API throttling', '\r'],
    ['Custom domain', '\r'],
    ['AWS region', '\r'],
    ['CI/CD?', '\r'],
  ];

  it('asks the same feature prompts with the stored answers as defaults, then shows the changes, the command and the plan', async () => {
    const app = await generate('asked');
    const { code, output } = await inTerminal(turnOnTheCache, ['upgrade', '--dry-run'], app.project);
    expect(code).toBe(0);
    expect(output).toContain('Service names (comma-separated) (items)');
    expect(output).toContain('About to upgrade this project with these answers (changes marked):');
    expect(output).toMatch(/Stage cache\s+yes {2}\(was no\)/);
    expect(output).toContain('npx create-serverless-pattern upgrade --cache --yes');
    expect(output).toMatch(/update\s+infra\/config\.ts/);
    expect(output).toContain('Dry run: nothing was written.');
  });

  it('asks before applying: no changes nothing, yes applies the plan', async () => {
    const app = await generate('apply');
    const declined = await inTerminal([...turnOnTheCache, ['Apply these changes?', 'n\r']], ['upgrade'], app.project);
    expect(declined.code).toBe(0);
    expect(declined.output).toContain('Nothing was changed.');
    expect(app.read('infra/config.ts')).not.toContain('enabled: true');

    const applied = await inTerminal([...turnOnTheCache, ['Apply these changes?', '\r']], ['upgrade'], app.project);
    expect(applied.code).toBe(0);
    expect(applied.output).toMatch(/Upgraded \.: /);
    expect(app.read('infra/config.ts')).toContain("cache: { enabled: true, ttlSeconds: 60, sizeGb: '0.5' },");
  });
});

describe('git sees exactly what upgrade did', () => {
  it('leaves a diff of only the new answer in a committed project', async () => {
    const app = await generate('gitdiff', []);
    expect((await runCli(['upgrade', 'gitdiff', '--region', 'eu-west-1', '--yes'], { cwd: app.cwd, env })).exitCode).toBe(0);
    const { stdout } = await execa('git', ['diff', '--stat'], { cwd: app.project });
    expect(stdout).toMatch(/\.serverless-pattern\.json/);
    expect(stdout).toMatch(/infra\/config\.ts/);
  });
});
