import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, suiteTempDir } from '../support/cli.js';
import { onNode24 } from '../support/node24.js';
import { offline as offlineEnv } from '../support/offline-env.js';

/**
 * A project made before the toolkit existed (its local stack in dev/, its deploy script in
 * scripts/) upgraded to the layout where both come from the `serverless-pattern` devDependency.
 * The older generator is this repository at the last commit of that layout, built from git.
 */
const lastCommitWithToolingInProjects = 'b0b7bd3';
const offline = onNode24(offlineEnv);
const ownWorkflow = '.github/workflows/release.yml';
const ownWorkflowText = 'name: Release\non: { release: { types: [published] } }\npermissions: {}\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo released\n';

describe('upgrading a project whose tooling was its own files to the toolkit', () => {
  const work = suiteTempDir('toolkit-upgrade');
  let older: string;
  const run = (cmd: string, args: readonly string[], cwd: string) => execa(cmd, args, { cwd, env: offline, all: true, reject: false, stdin: 'ignore' });
  const manifest = (project: string) => JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

  beforeAll(async () => {
    older = join(work(), 'older-generator');
    mkdirSync(older);
    const archive = await execa('git', ['archive', '--format=tar', lastCommitWithToolingInProjects, 'src', 'templates', 'bin', 'package.json'], { cwd: repoRoot, encoding: 'buffer' });
    await execa('tar', ['-x', '-C', older], { input: archive.stdout });
    symlinkSync(join(repoRoot, 'node_modules'), join(older, 'node_modules'));
    await execa('node', ['src/build/build.js'], { cwd: older });
    const created = await run('node', [join(older, 'bin', 'create-serverless-pattern.js'), 'shop', '--pattern', 'api', '--yes', '--no-install'], work());
    expect(created.exitCode, created.all).toBe(0);
    expect(existsSync(join(work(), 'shop', 'dev', 'local-stack.ts'))).toBe(true);
    // The team's own workflow, from before the generator wrote any.
    mkdirSync(join(work(), 'shop', '.github', 'workflows'), { recursive: true });
    writeFileSync(join(work(), 'shop', ownWorkflow), ownWorkflowText);
    expect((await run('git', ['add', '.github'], join(work(), 'shop'))).exitCode).toBe(0);
    expect((await run('git', ['commit', '-qm', 'Our release workflow'], join(work(), 'shop'))).exitCode).toBe(0);
    cpSync(join(work(), 'shop'), join(work(), 'edited'), { recursive: true });
  });

  it('deletes the untouched tooling, adds the toolkit, rewrites the scripts; the result installs, type-checks and passes its tests', async () => {
    const project = join(work(), 'shop');
    const upgraded = await runCli(['upgrade', '--yes', '--install'], { cwd: project, env: offline });
    expect(upgraded.exitCode, upgraded.all).toBe(0);
    expect(upgraded.all).toMatch(/delete\s+dev\/local-stack\.ts\s+\(dropped by the generator, untouched by you\)/);
    expect(existsSync(join(project, 'dev'))).toBe(false);
    const { scripts, devDependencies } = manifest(project);
    expect(scripts.dev).toBe('serverless-pattern dev');
    expect(devDependencies['serverless-pattern']).toBe(offline.CREATE_SERVERLESS_PATTERN_TOOLKIT);
    expect(devDependencies).not.toHaveProperty('dynalite');
    expect(existsSync(join(project, 'node_modules', '.bin', 'serverless-pattern'))).toBe(true);
    // The project predates --ci: it gets the answer's default (GitHub Actions) beside the team's own workflow, untouched.
    for (const file of ['ci.yml', 'deploy.yml', 'preview.yml', 'drift.yml']) expect(upgraded.all).toMatch(new RegExp(`add\\s+\\.github/workflows/${file.replace('.', '\\.')}`));
    expect(readFileSync(join(project, ownWorkflow), 'utf8')).toBe(ownWorkflowText);
    expect(existsSync(join(project, 'infra', 'ci.ts'))).toBe(true);
    const typecheck = await run('npx', ['tsc', '--noEmit'], project);
    expect(typecheck.exitCode, typecheck.all).toBe(0);
    const tests = await run('npm', ['test'], project);
    expect(tests.exitCode, tests.all).toBe(0);
    expect(tests.all).toMatch(/Tests\s+\d+ passed/);
  });

  it('keeps a tooling file the user edited, as a modify/delete conflict (exit 3)', async () => {
    const project = join(work(), 'edited');
    const file = join(project, 'dev', 'local-stack.ts');
    writeFileSync(file, `// Tuned for our team.\n${readFileSync(file, 'utf8')}`);
    // The team's own Dependabot settings, where --ci github writes one for the actions.
    const dependabot = join(project, '.github', 'dependabot.yml');
    const ours = "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: monthly }\n";
    writeFileSync(dependabot, ours);
    expect((await run('git', ['add', '.'], project)).exitCode).toBe(0);
    expect((await run('git', ['commit', '-qm', 'Tune the local stack, our Dependabot'], project)).exitCode).toBe(0);
    const upgraded = await runCli(['upgrade', '--yes'], { cwd: project, env: offline });
    expect(upgraded.exitCode, upgraded.all).toBe(3);
    expect(upgraded.all).toMatch(/dev\/local-stack\.ts/);
    expect(readFileSync(file, 'utf8')).toMatch(/^\/\/ Tuned for our team\./);
    // Theirs existed before the generator's: merged as a conflict, every line of theirs kept.
    expect(upgraded.all).toMatch(/conflict\s+\.github\/dependabot\.yml/);
    for (const line of ours.trimEnd().split('\n')) expect(readFileSync(dependabot, 'utf8')).toContain(line);
    expect(readFileSync(join(project, ownWorkflow), 'utf8')).toBe(ownWorkflowText);
    expect(manifest(project).scripts.dev).toBe('serverless-pattern dev');
  });
});
