import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/errors.js';
import { olderNodeNotice } from '../../src/node-version.js';
import { type Answers, defaultAnswers } from '../../src/options/answers.js';
import { detectPackageManager, type PackageManager, packageManagerNames } from '../../src/options/package-manager.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { listSteps } from '../../src/steps/list-steps.js';
import { onPath, requirePackageManager } from '../../src/steps/on-path.js';
import { checkPackageManager } from '../support/project-checks.js';

const plan = (packageManager: PackageManager, answers: Partial<Answers> = {}) =>
  buildPlan({ answers: { ...defaultAnswers(), name: 'shop', ...answers }, packageManager });
const text = (tree: ReturnType<typeof plan>, path: string) => tree.get(path)?.content ?? '';
const packageJsonOf = (tree: ReturnType<typeof plan>) =>
  JSON.parse(text(tree, 'package.json')) as { engines: object; allowScripts: object; resolutions?: Record<string, string>; devDependencies: Record<string, string> };

describe('the package manager', () => {
  it('is the one that launched the CLI, as its npm_config_user_agent says (npm when none does)', () => {
    // As each one sets it (seen with npm 11, pnpm 12, yarn 1, bun 1).
    expect(detectPackageManager('npm/11.19.1 node/v24.21.0 linux x64 workspaces/false')).toBe('npm');
    expect(detectPackageManager('pnpm/12.21.0 npm/? node/v24.21.0 linux x64')).toBe('pnpm');
    expect(detectPackageManager('yarn/1.22.22 npm/? node/v24.21.0 linux x64')).toBe('yarn');
    expect(detectPackageManager('bun/1.4.5 npm/? node/v24.3.0 linux x64')).toBe('bun');
    expect(detectPackageManager('')).toBe('npm');
    expect(detectPackageManager('deno/2.5.0')).toBe('npm');
  });

  it('deploys through its run command, with npm alone putting -- before the arguments', () => {
    const deploy = (packageManager: PackageManager) => listSteps({ packageManager, install: false, git: false, displayDir: 'shop', deploy: { yes: true, profile: 'team' } })[0]!;
    expect(deploy('npm')).toMatchObject({ cmd: 'npm', args: ['run', 'deploy', '--', '--yes', '--profile', 'team'] });
    // `pnpm deploy` is pnpm's own command; `pnpm run deploy -- --yes` would hand the script a `--`.
    expect(deploy('pnpm')).toMatchObject({ cmd: 'pnpm', args: ['run', 'deploy', '--yes', '--profile', 'team'] });
    expect(deploy('yarn')).toMatchObject({ cmd: 'yarn', args: ['run', 'deploy', '--yes', '--profile', 'team'] });
    expect(deploy('bun')).toMatchObject({ cmd: 'bun', args: ['run', 'deploy', '--yes', '--profile', 'team'] });
  });
});

describe('a project set up with each package manager', () => {
  it.each(packageManagerNames)('%s: needs Node 22, @types/node of the Lambda runtime, and declares which install scripts run (none)', (packageManager) => {
    const pkg = packageJsonOf(plan(packageManager));
    expect(pkg.engines).toEqual({ node: '>=22' });
    expect(pkg.devDependencies['@types/node']).toMatch(/^24\./);
    expect(pkg.allowScripts).toEqual({ 'classic-level': false, esbuild: false });
  });

  it('pnpm: the same decisions in pnpm-workspace.yaml, which only pnpm projects have', () => {
    expect(text(plan('pnpm'), 'pnpm-workspace.yaml')).toMatch(/^allowBuilds:\n {2}classic-level: false\n {2}esbuild: false\n$/m);
    for (const other of ['npm', 'yarn', 'bun'] as const) expect(plan(other).has('pnpm-workspace.yaml')).toBe(false);
  });

  it('yarn and bun: resolutions for what each cannot resolve by itself, in their projects only', () => {
    expect(packageJsonOf(plan('yarn')).resolutions).toEqual({ '@aws/cloudformation-validate': '1.9.0-beta', vite: '8.3.8' });
    expect(packageJsonOf(plan('bun')).resolutions).toEqual({ '@aws/cloudformation-validate': '1.9.0-beta' });
    for (const other of ['npm', 'pnpm'] as const) expect(packageJsonOf(plan(other)).resolutions).toBeUndefined();
  });

  it.each([
    ['npm', ['npm run test', 'npm run dev -- --port 4000', '$(npm run --silent dev:token)', 'npm run deploy -- orders', 'npx cdk bootstrap aws://111111111111/', 'npx create-serverless-pattern@latest upgrade --dry-run']],
    ['pnpm', ['pnpm run test', 'pnpm run dev --port 4000', '$(pnpm run --silent dev:token)', 'pnpm run deploy orders', 'pnpm exec cdk bootstrap aws://111111111111/', 'pnpm dlx create-serverless-pattern@latest upgrade --dry-run']],
    ['yarn', ['yarn run test', 'yarn run dev --port 4000', '$(yarn run --silent dev:token)', 'yarn run deploy orders', 'yarn cdk bootstrap aws://111111111111/', 'yarn create serverless-pattern upgrade --dry-run']],
    ['bun', ['bun run test', 'bun run dev --port 4000', '$(bun run --silent dev:token)', 'bun run deploy orders', 'bunx cdk bootstrap aws://111111111111/', 'bunx create-serverless-pattern@latest upgrade --dry-run']],
  ] as const)('%s: the README says each command in its syntax', (packageManager, commands) => {
    const tree = plan(packageManager, { services: ['orders', 'catalog'], accounts: 'multi', serviceAccounts: [{ service: 'orders', account: '111111111111' }, { service: 'catalog', account: '222222222222' }], auth: 'lambda' });
    const readme = text(tree, 'README.md');
    for (const command of commands) expect(readme).toContain(command);
    expect(checkPackageManager(tree, packageManager)).toEqual([]);
  });

  it("finds another manager's command, and a -- where the manager passes it on", () => {
    const tree = plan('pnpm');
    tree.set('README.md', { content: `${text(tree, 'README.md')}\nRun \`npm run dev\`, then \`pnpm run deploy -- --yes\`.\n` });
    expect(checkPackageManager(tree, 'pnpm')).toEqual([
      expect.stringContaining("README.md: npm's syntax in a pnpm project"),
      'README.md: "pnpm run deploy --": pnpm passes that -- on to the script',
    ]);
  });
});

describe('the Node that runs the CLI', () => {
  it('on Node 20, says once that the generated project needs Node 22 or newer; on 22 and later, nothing', () => {
    expect(olderNodeNotice('20.19.0')).toMatch(/^This is Node 20\.19\.0: it runs this generator, but the generated project needs Node 22 or newer/);
    expect(olderNodeNotice('22.0.0')).toBeUndefined();
    expect(olderNodeNotice('24.21.0')).toBeUndefined();
  });
});

describe('a package manager that is not installed', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is found on PATH only as an executable file', () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-path-'));
    writeFileSync(join(dir, 'pnpm'), '#!/bin/sh\n');
    writeFileSync(join(dir, 'yarn'), 'not executable');
    chmodSync(join(dir, 'pnpm'), 0o755);
    expect(onPath('pnpm', { PATH: dir })).toBe(true);
    expect(onPath('yarn', { PATH: dir })).toBe(false);
    expect(onPath('bun', { PATH: dir })).toBe(false);
  });

  it('is refused with exit 2, naming --package-manager and what to do', () => {
    const error = (() => {
      try {
        requirePackageManager('bun-that-is-not-there' as PackageManager, { why: 'the project would be installed with it', skip: 'add --no-install' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.usage);
    expect((error as CliError).message).toMatch(
      /^bun-that-is-not-there is not installed here \(no bun-that-is-not-there on PATH\) and the project would be installed with it: install it, choose another with --package-manager( \([a-z, ]+ (is|are) installed\))?, or add --no-install$/,
    );
  });
});
