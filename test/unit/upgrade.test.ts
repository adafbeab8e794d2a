import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { upgrade, type UpgradeOptions } from '../../src/commands/upgrade.js';
import { CliError, ExitCode } from '../../src/errors.js';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { generatorVersion } from '../../src/package-info.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { addFile } from '../../src/plan/tree.js';
import { contentHash, createManifest, type Manifest, manifestPath } from '../../src/write/manifest.js';
import { writeTree } from '../../src/write/writer.js';

/**
 * Upgrade, end to end in memory and temp folders: a project is generated exactly as `create`
 * writes it, edited as a user would, then upgraded with new answers.
 */

let root: string;
let output: string[];
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

function generate(answers: Partial<Answers> = {}): string {
  const dir = join(root, 'app');
  const all = answersWith(answers);
  const tree = buildPlan({ answers: all, packageManager: 'npm' });
  addFile(tree, manifestPath, createManifest(tree, all, 'npm'));
  writeTree(tree, dir, { force: false });
  return dir;
}

const rendered = (path: string, answers: Partial<Answers>) => buildPlan({ answers: answersWith(answers), packageManager: 'npm' }).get(path)!.content;

function run(dir: string, flags: UpgradeOptions['flags'] = {}, options: Partial<UpgradeOptions> = {}) {
  return upgrade({ directory: dir, flags, yes: true, interactive: false, dryRun: false, json: false, allowDirty: false, install: false, ...options });
}

const file = (dir: string, path: string) => join(dir, path);
const read = (dir: string, path: string) => readFileSync(file(dir, path), 'utf8');
const edit = (dir: string, path: string, change: (text: string) => string) => {
  const before = read(dir, path);
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file(dir, path), after);
};
const manifestOf = (dir: string) => JSON.parse(read(dir, manifestPath)) as Manifest;
const printed = () => output.join('');

/** Every file with its sha256, mode and mtime: "nothing changed" is an equal snapshot. */
function snapshot(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  return Object.fromEntries(
    entries.map((path) => {
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) return [path, 'dir'];
      if (stat.isSymbolicLink()) return [path, 'link'];
      return [path, `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${stat.mode} ${stat.mtimeMs}`];
    }),
  );
}

const handler = 'services/items/handlers/create.ts';
const config = 'infra/config.ts';

describe('upgrading with no change', () => {
  it('changes nothing at all, not even a timestamp', async () => {
    const dir = generate();
    const before = snapshot(dir);
    expect(await run(dir)).toBe(ExitCode.ok);
    expect(snapshot(dir)).toEqual(before);
    expect(printed()).toContain('Already up to date: nothing to change.');
  });
});

describe('upgrading with a new answer', () => {
  it('gives files you never touched the new render, and records the new answers and hashes', async () => {
    const dir = generate();
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(read(dir, config)).toBe(rendered(config, { cache: true }));
    expect(read(dir, 'README.md')).toBe(rendered('README.md', { cache: true }));
    const manifest = manifestOf(dir);
    expect(manifest.answers.cache).toBe(true);
    expect(manifest.files[config]).toBe(contentHash(rendered(config, { cache: true })));
    expect(printed()).toMatch(/--cache: false → true/);
    expect(printed()).toMatch(/update\s+infra\/config\.ts/);
  });

  it('keeps a file only you changed byte for byte', async () => {
    const dir = generate();
    edit(dir, handler, (text) => text.replace("logger.info('Item created'", "logger.info('New item stored'"));
    const mine = readFileSync(file(dir, handler));
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(readFileSync(file(dir, handler)).equals(mine)).toBe(true);
    expect(printed()).toMatch(/keep-user\s+services\/items\/handlers\/create\.ts/);
  });

  it('merges a file both changed in different places', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    expect(await run(dir, { cache: true, throttle: '10:20' })).toBe(ExitCode.ok);
    const merged = read(dir, config);
    expect(merged).toContain("defaultStage: 'dev',");
    expect(merged).toContain('cache: { enabled: true,');
    expect(merged).toContain('throttle: { rateLimit: 10, burstLimit: 20 },');
    expect(printed()).toMatch(/merge\s+infra\/config\.ts/);
  });

  it('marks the same line changed on both sides as a conflict, exits 3 and lists the file', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replace('cache: { enabled: false, ttlSeconds: 60', 'cache: { enabled: false, ttlSeconds: 300'));
    expect(await run(dir, { cache: true })).toBe(ExitCode.conflicts);
    expect(read(dir, config)).toContain(
      [
        '<<<<<<< yours',
        "    cache: { enabled: false, ttlSeconds: 300, sizeGb: '0.5' },",
        '||||||| base',
        "    cache: { enabled: false, ttlSeconds: 60, sizeGb: '0.5' },",
        '=======',
        "    cache: { enabled: true, ttlSeconds: 60, sizeGb: '0.5' },",
        '>>>>>>> generator',
      ].join('\n'),
    );
    expect(printed()).toMatch(/error: Upgrade left conflicts in 1 file; .*\n {2}infra\/config\.ts: /);
    // The manifest records the new render, so the next upgrade sees your resolution as your edit.
    expect(manifestOf(dir).files[config]).toBe(contentHash(rendered(config, { cache: true })));
  });

  it('leaves a file you deleted deleted, and says so', async () => {
    const dir = generate();
    rmSync(file(dir, 'README.md'));
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(existsSync(file(dir, 'README.md'))).toBe(false);
    expect(printed()).toMatch(/keep-deleted\s+README\.md\s+\(you deleted it; it stays deleted\)/);
  });

  it('writes the manifest with the hashes of the new render, not of merged content', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    await run(dir, { cache: true });
    expect(manifestOf(dir).files[config]).toBe(contentHash(rendered(config, { cache: true })));
    expect(manifestOf(dir).files[config]).not.toBe(contentHash(read(dir, config)));
    expect(manifestOf(dir).generator.version).toBe(generatorVersion);
  });
});

describe('turning a feature off, adding one', () => {
  it('removes the dropped files you never touched; one you changed is a conflict (modify/delete): kept, exit 3, with what it imports', async () => {
    const dir = generate({ services: ['items', 'orders'] });
    edit(dir, 'services/orders/handlers/create.ts', (text) => `// orders: keep this\n${text}`);
    expect(await run(dir, { services: 'items' })).toBe(ExitCode.conflicts);
    expect(existsSync(file(dir, 'services/orders/handlers/get.ts'))).toBe(false);
    expect(existsSync(file(dir, 'test/services/orders'))).toBe(false);
    expect(existsSync(file(dir, 'services/orders/lib'))).toBe(false);
    expect(read(dir, 'services/orders/handlers/create.ts')).toMatch(/^\/\/ orders: keep this\n/);
    expect(read(dir, config)).toContain("services: ['items'],");
    expect(printed()).toMatch(
      /conflict\s+services\/orders\/handlers\/create\.ts\s+\(the generator no longer uses it, but you changed it: kept as yours; it imports services\/orders\/lib\/http\.ts, services\/orders\/lib\/item\.ts, services\/orders\/lib\/powertools\.ts, services\/orders\/lib\/repository\.ts, which the generator dropped too\. Delete it, or keep what it needs and mark it resolved \(upgrade --resolved services\/orders\/handlers\/create\.ts\)\)/,
    );
    expect(printed()).toMatch(/error: Upgrade left conflicts in 1 file; .*\n {2}services\/orders\/handlers\/create\.ts: the generator no longer uses it/);
    expect(printed()).toMatch(/delete\s+services\/orders\/handlers\/get\.ts/);
  });

  describe('a modify/delete conflict stays one until you delete the file or say it is resolved, as git keeps it unmerged', () => {
    const kept = 'services/orders/handlers/create.ts';
    /** Drops the orders service after you changed its create handler: exit 3, the file kept and listed in the manifest. */
    async function leftInConflict() {
      const dir = generate({ services: ['items', 'orders'] });
      edit(dir, kept, (text) => `// orders: keep this\n${text}`);
      expect(await run(dir, { services: 'items' })).toBe(ExitCode.conflicts);
      expect(manifestOf(dir).conflicts).toEqual([kept]);
      output.length = 0;
      return dir;
    }

    it('a second upgrade with nothing else to do exits 3 again, naming it and how to resolve it', async () => {
      const dir = await leftInConflict();
      expect(await run(dir)).toBe(ExitCode.conflicts);
      expect(printed()).not.toContain('Already up to date');
      expect(printed()).toContain('Nothing to change, but conflicts of an earlier upgrade are still to resolve:');
      expect(printed()).toContain(`${kept} is still in conflict from an earlier upgrade: the generator no longer writes it, and you kept it; delete it, or mark it resolved: upgrade --resolved ${kept}`);
      expect(printed()).toContain(`error: An earlier upgrade left 1 file in conflict that the generator no longer writes; delete it, or mark it resolved with upgrade --resolved <file>:\n  ${kept}\n`);
      expect(manifestOf(dir).conflicts).toEqual([kept]);
    });

    it('deleting the file resolves it: the next upgrade exits 0 and the manifest forgets it', async () => {
      const dir = await leftInConflict();
      rmSync(file(dir, kept));
      expect(await run(dir)).toBe(ExitCode.ok);
      expect(manifestOf(dir).conflicts).toBeUndefined();
      expect(await run(dir)).toBe(ExitCode.ok);
      expect(printed()).toContain('Already up to date: nothing to change.');
    });

    it('upgrade --resolved <file> resolves it and keeps the file as it is', async () => {
      const dir = await leftInConflict();
      const mine = read(dir, kept);
      expect(await run(dir, {}, { resolved: [`./${kept}`] })).toBe(ExitCode.ok);
      expect(printed()).toContain(`Marked ${kept} resolved: it is yours now.`);
      expect(read(dir, kept)).toBe(mine);
      expect(manifestOf(dir).conflicts).toBeUndefined();
      expect(await run(dir)).toBe(ExitCode.ok);
    });

    it('refuses --resolved for a file no upgrade left in conflict (exit 2, one line), touching nothing', async () => {
      const dir = await leftInConflict();
      const before = snapshot(dir);
      await expect(run(dir, {}, { resolved: ['infra/app.ts'] })).rejects.toThrow(
        new CliError(`Invalid --resolved infra/app.ts: not a file an earlier upgrade kept in conflict (those are: ${kept}); a file with conflict markers is resolved by removing them`),
      );
      expect(snapshot(dir)).toEqual(before);
    });
  });

  it('turning --auth off after you edited the auth stack: a conflict that names the constructs it imported', async () => {
    const dir = generate({ auth: 'cognito' });
    edit(dir, 'infra/stacks/auth-stack.ts', (text) => `// our user pool, tuned\n${text}`);
    const mine = read(dir, 'infra/stacks/auth-stack.ts');
    expect(await run(dir, { auth: 'none' })).toBe(ExitCode.conflicts);
    expect(read(dir, 'infra/stacks/auth-stack.ts')).toBe(mine);
    expect(printed()).toMatch(/conflict\s+infra\/stacks\/auth-stack\.ts\s+\(the generator no longer uses it, but you changed it: kept as yours; it imports infra\/[\w/-]+\.ts/);
    // Nothing records it as generated any more: it is yours from now on.
    expect(manifestOf(dir).files['infra/stacks/auth-stack.ts']).toBeUndefined();
  });

  it('adds a service to a project whose stack file, models and package.json you edited, keeping every edit', async () => {
    const dir = generate();
    edit(dir, 'infra/stacks/service-stack.ts', (text) => text.replace('    const item = this.collection.addResource', '    // Routes: /items and /items/{id}\n    const item = this.collection.addResource'));
    edit(dir, 'infra/service-models.ts', (text) => text.replace("import type * as z from 'zod/mini';", "import type * as z from 'zod/mini'; // the mini build keeps bundles small"));
    edit(dir, 'package.json', (text) => text.replace('"test": "vitest run",', '"test": "vitest run",\n    "lint": "tsc --noEmit --pretty",'));
    const stack = read(dir, 'infra/stacks/service-stack.ts');
    expect(await run(dir, { services: 'items,orders' })).toBe(ExitCode.ok);
    expect(read(dir, 'infra/stacks/service-stack.ts')).toBe(stack);
    expect(read(dir, 'infra/service-models.ts')).toContain("zod/mini'; // the mini build keeps bundles small");
    expect(read(dir, 'infra/service-models.ts')).toContain('orders: { create: ordersItem.newItem');
    expect((JSON.parse(read(dir, 'package.json')) as { scripts: Record<string, string> }).scripts.lint).toBe('tsc --noEmit --pretty');
    expect(read(dir, 'services/orders/handlers/create.ts')).toBe(rendered('services/orders/handlers/create.ts', { services: ['items', 'orders'] }));
    expect(printed()).toMatch(/add\s+services\/orders\/handlers\/create\.ts/);
  });

  it('merges a new template file you already have against an empty base: lines that differ conflict', async () => {
    const dir = generate();
    const path = 'services/orders/handlers/create.ts';
    const template = rendered(path, { services: ['items', 'orders'] });
    mkdirSync(file(dir, 'services/orders/handlers'), { recursive: true });
    const [head, tail] = template.split("  logger.info('Item created', { id });\n") as [string, string];
    writeFileSync(file(dir, path), `${head}  logger.info('Order stored', { id });\n${tail}`);
    writeFileSync(file(dir, 'services/orders/handlers/get.ts'), rendered('services/orders/handlers/get.ts', { services: ['items', 'orders'] }));
    expect(await run(dir, { services: 'items,orders' })).toBe(ExitCode.conflicts);
    expect(read(dir, path)).toBe(
      `${head}<<<<<<< yours\n  logger.info('Order stored', { id });\n||||||| base\n=======\n  logger.info('Item created', { id });\n>>>>>>> generator\n${tail}`,
    );
    expect(printed()).toMatch(/unchanged\s+\d+ other files/);
    expect(printed()).not.toMatch(/services\/orders\/handlers\/get\.ts/);
  });

  it('keeps a new template file you already have when yours holds every line of the generator\'s', async () => {
    const dir = generate();
    const path = 'services/orders/handlers/create.ts';
    mkdirSync(file(dir, 'services/orders/handlers'), { recursive: true });
    const mine = `// written by hand before the generator had orders\n${rendered(path, { services: ['items', 'orders'] })}`;
    writeFileSync(file(dir, path), mine);
    expect(await run(dir, { services: 'items,orders' })).toBe(ExitCode.ok);
    expect(read(dir, path)).toBe(mine);
    expect(printed()).toMatch(/keep-user\s+services\/orders\/handlers\/create\.ts/);
  });

  it('merges package.json by its structure: your scripts and versions stay, the generator\'s changes land', async () => {
    const dir = generate();
    edit(dir, 'package.json', (text) => {
      const pkg = JSON.parse(text) as { scripts: Record<string, string>; dependencies: Record<string, string> };
      pkg.scripts.lint = 'tsc --noEmit';
      pkg.dependencies['aws-cdk-lib'] = '2.300.0';
      return `${JSON.stringify(pkg, null, 2)}\n`;
    });
    expect(await run(dir, { name: 'shop' })).toBe(ExitCode.ok);
    const pkg = JSON.parse(read(dir, 'package.json')) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.name).toBe('shop');
    expect(pkg.scripts.lint).toBe('tsc --noEmit');
    expect(pkg.dependencies['aws-cdk-lib']).toBe('2.300.0');
    expect(printed()).toMatch(/merge\s+package\.json\s+\(changed by you and by the generator: merged key by key; base: the render of the version that made it\)/);
  });
});

describe('dependencies', () => {
  it('when package.json\'s dependencies change, prints the install command instead of running it', async () => {
    const dir = generate();
    // As an older generator might have written it: without one devDependency.
    const older = JSON.parse(read(dir, 'package.json')) as { devDependencies: Record<string, string> };
    delete older.devDependencies['aws-sdk-client-mock'];
    const olderText = `${JSON.stringify(older, null, 2)}\n`;
    writeFileSync(file(dir, 'package.json'), olderText);
    const manifest = manifestOf(dir);
    manifest.files['package.json'] = contentHash(olderText);
    writeFileSync(file(dir, manifestPath), `${JSON.stringify(manifest, null, 2)}\n`);

    expect(await run(dir)).toBe(ExitCode.ok);
    expect(read(dir, 'package.json')).toBe(rendered('package.json', {}));
    expect(printed()).toContain('Dependencies changed: run npm install (or upgrade with --install).');
    expect(printed()).toMatch(/Next steps:\n {2}cd .*app\n {2}npm install\n {2}npm run test\n {2}npm run synth\n/);
  });
});

describe('line endings, final newlines, binary files', () => {
  it('keeps CRLF line endings on an untouched file and on a merged one', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replaceAll('\n', '\r\n'));
    edit(dir, 'README.md', (text) => `${text.replaceAll('\n', '\r\n')}\r\nMy notes.\r\n`);
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(read(dir, config)).toBe(rendered(config, { cache: true }).replaceAll('\n', '\r\n'));
    const readme = read(dir, 'README.md');
    expect(readme).toContain('GET cache');
    expect(readme.endsWith('\r\nMy notes.\r\n')).toBe(true);
    expect(readme.replaceAll('\r\n', '')).not.toContain('\n');
    expect(printed()).toMatch(/update\s+infra\/config\.ts/);
  });

  it('keeps a file without its final newline when you removed it', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',").replace(/\n$/, ''));
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    const merged = read(dir, config);
    expect(merged.endsWith('};')).toBe(true);
    expect(merged).toContain('cache: { enabled: true,');
  });

  it('never merges a binary file: yours is kept, and when both changed it the generator\'s goes beside it', async () => {
    const dir = generate();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    writeFileSync(file(dir, 'README.md'), png);
    writeFileSync(file(dir, 'cdk.json'), png);
    expect(await run(dir, { cache: true })).toBe(ExitCode.conflicts);
    expect(readFileSync(file(dir, 'README.md')).equals(png)).toBe(true);
    expect(read(dir, 'README.md.generator')).toBe(rendered('README.md', { cache: true }));
    expect(readFileSync(file(dir, 'cdk.json')).equals(png)).toBe(true);
    expect(existsSync(file(dir, 'cdk.json.generator'))).toBe(false);
    expect(printed()).toMatch(/conflict\s+README\.md\s+\(binary, changed by you and by the generator: yours is kept, the generator's is in README\.md\.generator; base: the render of the version that made it\)/);
    // The generator's version beside yours is the conflict's mark: exit 3 until you remove it.
    expect(await run(dir, { cache: true })).toBe(ExitCode.conflicts);
    expect(printed()).toContain('error: Conflict markers from an earlier upgrade are still in 1 file; resolve them:\n  README.md\n');
    rmSync(file(dir, 'README.md.generator'));
    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(printed()).toMatch(/keep-user\s+cdk\.json/);
  });
});

describe('a dry run', () => {
  it('prints the plan and unified diffs and leaves every byte as it was', async () => {
    const dir = generate();
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    edit(dir, handler, (text) => text.replace("'Item created'", "'Stored'"));
    rmSync(file(dir, 'cdk.json'));
    const before = snapshot(dir);
    expect(await run(dir, { cache: true, services: 'items,orders' }, { dryRun: true })).toBe(ExitCode.ok);
    expect(snapshot(dir)).toEqual(before);
    const text = printed();
    expect(text).toMatch(/merge\s+infra\/config\.ts/);
    expect(text).toMatch(/add\s+services\/orders\/handlers\/create\.ts/);
    expect(text).toMatch(/keep-deleted\s+cdk\.json/);
    expect(text).toContain('--- a/infra/config.ts\n+++ b/infra/config.ts\n');
    expect(text).toContain("-    cache: { enabled: false, ttlSeconds: 60, sizeGb: '0.5' },\n+    cache: { enabled: true, ttlSeconds: 60, sizeGb: '0.5' },");
    expect(text).toContain('--- /dev/null\n+++ b/services/orders/handlers/create.ts\n');
    expect(text).toContain('Dry run: nothing was written.');
  });

  it('with --json gives the same plan as one document on stdout', async () => {
    const dir = generate();
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    const before = snapshot(dir);
    await run(dir, { cache: true }, { dryRun: true, json: true });
    expect(snapshot(dir)).toEqual(before);
    const doc = JSON.parse(stdout.join('')) as { dryRun: boolean; answers: { changed: string[] }; files: { path: string; status: string; diff?: string }[]; conflicts: string[] };
    expect(doc.dryRun).toBe(true);
    expect(doc.answers.changed).toEqual(['--cache: false → true']);
    expect(doc.files.find((f) => f.path === config)).toMatchObject({ status: 'update', diff: expect.stringContaining('+    cache: { enabled: true') });
    expect(doc.files.find((f) => f.path === handler)).toMatchObject({ status: 'unchanged' });
    expect(doc.conflicts).toEqual([]);
  });
});

describe('upgrade --check (as cruft check: for CI)', () => {
  it('exits 0 when an upgrade would change no file, even with edits of your own, and writes nothing', async () => {
    const dir = generate();
    edit(dir, handler, (text) => text.replace("'Item created'", "'Stored'"));
    const before = snapshot(dir);
    expect(await run(dir, {}, { check: true })).toBe(ExitCode.ok);
    expect(snapshot(dir)).toEqual(before);
    expect(printed()).toContain(`Up to date: generator ${generatorVersion} changes no file for these answers.`);
  });

  it('exits 1 and lists the files an upgrade would change, writing nothing, uncommitted changes or not', async () => {
    const dir = generate();
    await execa('git', ['init', '-q'], { cwd: dir });
    const before = snapshot(dir);
    expect(await run(dir, { cache: true }, { check: true })).toBe(ExitCode.stepFailed);
    expect(snapshot(dir)).toEqual(before);
    const text = printed();
    expect(text).toMatch(/an upgrade would change \d+ files:/);
    expect(text).toContain(`  ${config}\n`);
    expect(text).toContain('  README.md\n');
    expect(text).not.toContain(`  ${handler}\n`);
  });

  it('with --json says the same in one document', async () => {
    const dir = generate();
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    expect(await run(dir, { cache: true }, { check: true, json: true })).toBe(ExitCode.stepFailed);
    const doc = JSON.parse(stdout.join('')) as { check: boolean; upToDate: boolean; files: string[] };
    expect(doc).toMatchObject({ check: true, upToDate: false });
    expect(doc.files).toEqual(expect.arrayContaining([config, 'README.md']));
  });
});

describe('the base of the merge', () => {
  function pretendOlderVersion(dir: string, version: string) {
    const manifest = manifestOf(dir);
    manifest.generator.version = version;
    writeFileSync(file(dir, manifestPath), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  it('when that version cannot be had, says so and merges two-way: every difference is a conflict, nothing is overwritten', async () => {
    const dir = generate();
    pretendOlderVersion(dir, '0.0.1-does-not-exist');
    vi.stubEnv('CREATE_SERVERLESS_PATTERN_CACHE', join(root, 'cache'));
    vi.stubEnv('npm_config_offline', 'true');
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    expect(await run(dir, { cache: true })).toBe(ExitCode.conflicts);
    expect(printed()).toMatch(/No render of the version that made the project: cannot render the files as version 0\.0\.1-does-not-exist made them \(npm pack create-serverless-pattern@0\.0\.1-does-not-exist: ENOTCACHED: .+\)/);
    expect(printed()).toMatch(/conflict\s+infra\/config\.ts\s+\(.*; base: none found: merged two-way\)/);
    const merged = read(dir, config);
    expect(merged).not.toContain('||||||| base');
    expect(merged).toContain("<<<<<<< yours\n  defaultStage: 'dev',\n=======\n  defaultStage: 'prod',\n>>>>>>> generator");
    expect(merged).toContain('<<<<<<< yours\n    cache: { enabled: false,');
    // Files you never touched are known by their hash, so they still take the new render.
    expect(read(dir, 'README.md')).toBe(rendered('README.md', { cache: true }));
    expect(manifestOf(dir).generator.version).toBe(generatorVersion);
  });

  it('finds the generated version in git history when no render of it can be had, and merges three-way', async () => {
    const dir = generate();
    pretendOlderVersion(dir, '0.0.1-does-not-exist');
    vi.stubEnv('CREATE_SERVERLESS_PATTERN_CACHE', join(root, 'cache'));
    vi.stubEnv('npm_config_offline', 'true');
    const git = (...args: string[]) => execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
    await git('init', '--quiet');
    await git('add', '--all');
    await git('commit', '--quiet', '--message', 'Initial commit from create-serverless-pattern');
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    await git('commit', '--quiet', '--all', '--message', 'Staging');

    expect(await run(dir, { cache: true })).toBe(ExitCode.ok);
    expect(printed()).toContain('Found the base of 1 file in git history: it merges three-way.');
    expect(printed()).toMatch(/merge\s+infra\/config\.ts\s+\(changed by you and by the generator: merged cleanly; base: git history\)/);
    expect(read(dir, config)).toContain("defaultStage: 'dev',");
    expect(read(dir, config)).toContain('cache: { enabled: true,');
    expect(read(dir, config)).not.toContain('<<<<<<<');
  });

  /** A package folder whose CLI runs `script` (an ES module; argv[2] is the project folder to write). */
  function packageFolder(name: string, script: string, version = '9.9.9'): string {
    const folder = join(root, name);
    mkdirSync(join(folder, 'bin'), { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'create-serverless-pattern', version, type: 'module', bin: 'bin/cli.js' }));
    writeFileSync(join(folder, 'bin/cli.js'), script);
    return folder;
  }
  /** A CLI that writes exactly the given project's files: the right build, whatever its version number says. */
  const copying = (project: string, change = '') =>
    `import { cpSync, rmSync, writeFileSync } from 'node:fs';\ncpSync(${JSON.stringify(project)}, process.argv[2], { recursive: true });\n${change}\n`;

  it('accepts --base-from of the build that made the project, whatever its version number', async () => {
    const dir = generate();
    const pristine = join(root, 'pristine');
    cpSync(dir, pristine, { recursive: true });
    edit(dir, config, (text) => text.replace("defaultStage: 'prod',", "defaultStage: 'dev',"));
    expect(await run(dir, { cache: true }, { baseFrom: packageFolder('same-build', copying(pristine), '0.0.7') })).toBe(ExitCode.ok);
    expect(read(dir, config)).toContain("defaultStage: 'dev',");
    expect(read(dir, config)).toContain('cache: { enabled: true,');
  });

  it.each([
    ['another build of the same version: one file differs', () => copying(join(root, 'pristine'), `writeFileSync(process.argv[2] + '/${handler}', 'other\\n');`), /its render reproduces \d+ of the \d+ files the project was generated with \(not services\/items\/handlers\/create\.ts\): give the build that made this project$/],
    ['a build whose CLI refuses the stored answers', () => "console.error(\"error: unknown option '--edge'\");\nprocess.exit(2);\n", /its CLI could not render the project \(error: unknown option '--edge'\)$/],
    ['a checkout without dist/', () => "await import('../dist/cli.js');\n", /its CLI could not render the project \(.*Cannot find module .*dist\/cli\.js.*\)$/],
  ])('refuses --base-from with %s (exit 2, one line), touching nothing', async (_, script, message) => {
    const dir = generate();
    cpSync(dir, join(root, 'pristine'), { recursive: true });
    const before = snapshot(dir);
    const error = await run(dir, { cache: true }, { baseFrom: packageFolder('bad-build', script()) }).then(
      () => undefined,
      (e: unknown) => e as CliError,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error!.exitCode).toBe(ExitCode.usage);
    expect(error!.message).toMatch(/^Invalid --base-from .*bad-build: /);
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain('\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses --base-from whose CLI never exits once the time limit passes (exit 2, one line), leaving no temporary folder', async () => {
    const dir = generate();
    const before = snapshot(dir);
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    vi.stubEnv('TMPDIR', tmp);
    vi.stubEnv('CREATE_SERVERLESS_PATTERN_BASE_TIMEOUT', '1');
    // Writes part of a project, then waits for nothing, forever.
    const hangs = "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync(process.argv[2], { recursive: true });\nwriteFileSync(process.argv[2] + '/README.md', 'partial');\nsetInterval(() => {}, 1000);\n";
    const started = Date.now();
    const error = await run(dir, { cache: true }, { baseFrom: packageFolder('hangs', hangs) }).then(
      () => undefined,
      (e: unknown) => e as CliError,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(CliError);
    expect(error!.exitCode).toBe(ExitCode.usage);
    expect(error!.message).toMatch(/^Invalid --base-from .*hangs: its CLI did not finish rendering the project within 1 s \(CREATE_SERVERLESS_PATTERN_BASE_TIMEOUT sets the limit, in seconds\)$/);
    expect(readdirSync(tmp)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  }, 20_000);

  it('refuses --base-from a folder that is no package of this generator', async () => {
    const dir = generate();
    await expect(run(dir, {}, { baseFrom: root })).rejects.toThrow(/Invalid --base-from .*: no package\.json there/);
  });

  it('refuses a project made by a newer generator', async () => {
    const dir = generate();
    pretendOlderVersion(dir, '99.0.0');
    await expect(run(dir)).rejects.toThrow(/generated by version 99\.0\.0, newer than this one/);
  });

  it.each([
    ['../outside.txt', 'is not a path inside the project'],
    ['/etc/hosts', 'is not a path inside the project'],
    ['infra/../../x', 'is not a path inside the project'],
    ['.git/HEAD', 'is in .git, which holds no generated file'],
    ['services/.GIT/config', 'is in .GIT, which holds no generated file'],
    ['node_modules/zod/package.json', 'is in node_modules, which holds no generated file'],
  ])('refuses a manifest that names %s with its real hash (exit 2), touching nothing', async (path, problem) => {
    const dir = generate();
    // The file is there with the very hash the manifest gives: "untouched", so upgrade would delete it.
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
    const manifest = manifestOf(dir);
    manifest.files[path] = contentHash('ref: refs/heads/main\n');
    writeFileSync(file(dir, manifestPath), JSON.stringify(manifest));
    const before = snapshot(dir);
    await expect(run(dir, { services: 'orders' })).rejects.toThrow(new CliError(`${join(dir, manifestPath)} is not valid: ${JSON.stringify(path)} ${problem}`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a manifest that is not JSON', async () => {
    const dir = generate();
    writeFileSync(file(dir, manifestPath), '{ "generator": ');
    await expect(run(dir)).rejects.toThrow(/\.serverless-pattern\.json is not valid JSON \(/);
  });

  it('keeps exit 3 while conflict markers from an earlier upgrade are still in a file, even with nothing else to do', async () => {
    const dir = generate();
    edit(dir, handler, (text) => `<<<<<<< yours\n// mine\n=======\n>>>>>>> generator\n${text}`);
    expect(await run(dir)).toBe(ExitCode.conflicts);
    expect(printed()).toContain(`${handler} still has conflict markers from an earlier upgrade; resolve them too`);
    expect(printed()).toContain('Nothing to change, but conflicts of an earlier upgrade are still to resolve:');
    expect(printed()).toContain(`error: Conflict markers from an earlier upgrade are still in 1 file; resolve them:\n  ${handler}\n`);
    edit(dir, handler, (text) => text.replace('<<<<<<< yours\n// mine\n=======\n>>>>>>> generator\n', ''));
    expect(await run(dir)).toBe(ExitCode.ok);
  });

  it('refuses a folder without a manifest', async () => {
    await expect(run(root)).rejects.toThrow(/No \.serverless-pattern\.json in .*: not a project made by create-serverless-pattern/);
  });
});

describe('a failure while writing', () => {
  it('refuses, before writing anything, a file where the generator needs a folder', async () => {
    const dir = generate();
    writeFileSync(file(dir, 'services/orders'), 'not a folder');
    const before = snapshot(dir);
    await expect(run(dir, { services: 'items,orders' })).rejects.toThrow(
      new CliError('services/orders is a file, but the generator writes services/orders/handlers/create.ts in a folder of that name: move it, then run again'),
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses, before writing anything, a generated file that is now a symbolic link', async () => {
    const dir = generate();
    writeFileSync(file(dir, 'notes.md'), 'mine');
    rmSync(file(dir, config));
    symlinkSync('../notes.md', file(dir, config));
    const before = snapshot(dir);
    await expect(run(dir, { cache: true })).rejects.toThrow(new CliError(`${config} is a symbolic link, but the generator writes a file there: replace the link by a copy of its file, or move it, then run again`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses, before writing anything, a folder where the generator writes a file', async () => {
    const dir = generate();
    mkdirSync(file(dir, 'services/orders/handlers/update.ts/mine'), { recursive: true });
    writeFileSync(file(dir, 'services/orders/handlers/update.ts/mine/notes.md'), 'mine');
    const before = snapshot(dir);
    await expect(run(dir, { services: 'items,orders' })).rejects.toThrow(
      new CliError('services/orders/handlers/update.ts is a folder, but the generator writes a file there: move it, then run upgrade again'),
    );
    expect(snapshot(dir)).toEqual(before);
  });
});
