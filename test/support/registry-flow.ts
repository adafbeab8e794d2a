import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type PackageManager, packageManagers } from '../../src/options/package-manager.js';
import { repoRoot, suiteTempDir } from './cli.js';
import { userEnvironment } from './registry.js';
import type { ToolName } from './toolchains.js';
import { freePort } from './free-port.js';

/**
 * How a user meets the generator: published to a registry (a real one, on loopback), run from
 * an empty folder by their package manager's own command, which the CLI recognises from
 * npm_config_user_agent and installs with; then the project's scripts through that manager.
 */
export interface RegistryFlow {
  readonly manager: PackageManager;
  /** The tools besides Node 24 it needs, installed from npm (see toolchains.js). */
  readonly tools: readonly ToolName[];
  /** The command a user types, for a project named `name` (the answers as flags). */
  readonly create: (name: string) => readonly [string, ...string[]];
  /**
   * Another command that runs the generator through the same manager (`npx` beside `npm
   * create`): checked as far as its committed install, the rest being the same project.
   */
  readonly alsoCreate?: (name: string) => readonly [string, ...string[]];
  /**
   * What the project must do through the manager after its install (all by default). Fewer
   * where another suite already does it with this manager: the generated-project cases test,
   * synth, deploy and run through npm the very projects `npm create` makes.
   */
  readonly checks?: readonly ('test' | 'synth' | 'deploy' | 'dev')[];
  /** Files the first commit must hold besides the project's own: the lockfile, the manager's settings. */
  readonly committed: readonly string[];
  /** Stacks `synth` must produce (with the synth check). */
  readonly stacks?: (name: string) => readonly string[];
  /** A site: `build` first, then its browser tests. */
  readonly site?: boolean;
}

/** What a manager prints about install scripts it did not run because nobody decided (npm 11, pnpm 11+, bun). */
const undecidedScripts = /install scripts not yet covered|Ignored build scripts|ERR_PNPM_IGNORED_BUILDS|Blocked \d+ postinstall/i;

export function describeRegistryFlow(flow: RegistryFlow, name = `${flow.manager}-app`) {
  const pm = packageManagers[flow.manager];
  const checks = new Set(flow.checks ?? ['test', 'synth', 'deploy', 'dev']);
  describe(`${flow.create(name).join(' ')}, from a registry`, () => {
    const work = suiteTempDir(`registry-${flow.manager}`);
    let project: string;
    let user: Record<string, string>;
    /**
     * The user's: only the run's registry configured (see registry-setup.ts), with the projects'
     * dependencies taken from npm's cache where they are in it (as the generated-project cases
     * take them; npm and pnpm read this), not asked of the registry again every run. This
     * package is never in the cache: its registry's address is new every run.
     */
    const env = () => ({ ...user, npm_config_prefer_offline: 'true' });
    beforeAll(() => {
      user = userEnvironment(inject('registryUrl'), join(work(), 'home'), flow.tools);
      mkdirSync(join(work(), 'empty'));
      project = join(work(), 'empty', name);
    });

    const inProject = (cmd: string, args: readonly string[], extra: Record<string, string> = {}) =>
      execa(cmd, args, { cwd: project, env: { ...env(), ...extra }, extendEnv: false, all: true, reject: false });
    const script = (...args: string[]) => {
      const [cmd, ...runArgs] = pm.run.split(' ') as [string, ...string[]];
      return [cmd, [...runArgs, ...args]] as const;
    };
    const ok = (result: { exitCode?: number; all?: string }) => {
      if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${(result as { message?: string }).message ?? ''}\n${result.all}`);
      return result.all ?? '';
    };

    /** A project `command` made in the empty folder: set up with this manager, installed with it, committed with its lockfile. */
    const expectCreated = async (command: readonly [string, ...string[]], folder: string) => {
      const [cmd, ...args] = command;
      const result = await execa(cmd, args, { cwd: join(work(), 'empty'), env: env(), extendEnv: false, all: true, reject: false, stdin: 'ignore' });
      const output = ok(result);
      expect(output).toContain(`Installing dependencies (${flow.manager} install)`);
      expect(output).not.toMatch(undecidedScripts);
      expect(output).toContain(`  ${pm.run} test\n`);
      const manifest = JSON.parse(readFileSync(join(folder, '.serverless-pattern.json'), 'utf8')) as { packageManager: string };
      expect(manifest.packageManager).toBe(flow.manager);
      expect(existsSync(join(folder, 'node_modules', 'aws-cdk-lib'))).toBe(true);
      // The toolkit, from the same registry, at the version of the generator that ran.
      const generator = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
      expect(JSON.parse(readFileSync(join(folder, 'node_modules', 'serverless-pattern', 'package.json'), 'utf8'))).toMatchObject({ name: 'serverless-pattern', version: generator.version });
      const git = async (...gitArgs: string[]) => (await execa('git', gitArgs, { cwd: folder })).stdout;
      const tracked = (await git('ls-files')).split('\n');
      for (const file of [pm.lockfile, ...flow.committed]) expect(tracked, file).toContain(file);
      expect(await git('status', '--porcelain')).toBe('');
      expect(await git('log', '--format=%s')).toBe('Initial commit from create-serverless-pattern');
    };

    it(`runs from an empty folder, sets up with ${flow.manager}, installs with it without a word about install scripts, and commits its lockfile`, async () => {
      await expectCreated(flow.create(name), project);
      // The project runs on Node 24 here, as its engines field asks.
      expect((await inProject(...script('build'))).exitCode).toBe(0);
    });

    if (flow.alsoCreate) {
      const other = `${name}-also`;
      it(`${flow.alsoCreate(other).join(' ')} does the same`, async () => {
        await expectCreated(flow.alsoCreate!(other), join(work(), 'empty', other));
      });
    }

    if (checks.has('test')) it(`passes its own tests through ${pm.run} test`, async () => {
      const output = ok(await inProject(...script('test')));
      expect(output).toMatch(/Tests\s+\d+ passed/);
    });

    if (checks.has('synth')) it(`synthesizes through ${pm.run} synth${flow.site ? ' after the build' : ''}`, async () => {
      const synth = ok(await inProject(...script('synth', ...(pm.args ? ['--'] : []), '--quiet')));
      expect(synth).not.toMatch(/error/i);
      const manifest = JSON.parse(readFileSync(join(project, 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
      const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack').map(([id]) => id);
      expect(stacks.sort()).toEqual([...(flow.stacks?.(name) ?? [])].sort());
      if (flow.site) expect(existsSync(join(project, 'frontend', 'dist', 'index.html'))).toBe(true);
    });

    if (checks.has('deploy')) it(`deploys through ${pm.run} deploy, its arguments passed in ${flow.manager}'s syntax (here: a profile with no credentials, refused)`, async () => {
      const deploy = await inProject(...script('deploy', ...(pm.args ? ['--'] : []), '--profile', 'nobody'));
      expect(deploy.exitCode).not.toBe(0);
      expect(deploy.all).toContain('error: No usable AWS credentials from profile "nobody"');
      expect(deploy.all).not.toMatch(/^\s+at /m);
    });

    if (checks.has('dev')) it(`runs locally through ${pm.run} dev --port, and stops on Ctrl-C`, async () => {
      const port = await freePort();
      const site = flow.site ? ['--site-port', String(await freePort())] : [];
      const [cmd, args] = script('dev', ...(pm.args ? ['--'] : []), '--port', String(port), ...site);
      const dev = execa(cmd, args, { cwd: project, env: env(), extendEnv: false, all: true, reject: false, detached: true });
      try {
        // Written once every API and the site listen (see the toolkit's packages/toolkit/src/commands/dev.ts).
        const endpointsFile = join(project, '.dev', 'endpoints.json');
        await vi.waitFor(() => expect(existsSync(endpointsFile)).toBe(true), { timeout: 90_000, interval: 250 });
        const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as { apis: Record<string, string>; site?: string };
        for (const api of Object.values(endpoints.apis)) expect((await fetch(new URL(api, endpoints.site ?? `http://localhost:${port}`))).status).toBe(200);
      } finally {
        process.kill(-dev.pid!, 'SIGINT');
      }
      const stopped = await dev;
      expect(stopped.all).not.toMatch(/^\s+at /m);
      expect(await freePort(port)).toBe(port);
    });

    if (flow.site) {
      it(`passes its browser tests through ${pm.run} test:browser`, async () => {
        const result = ok(await inProject(...script('test:browser'), { CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }));
        expect(result).toMatch(/Tests\s+\d+ passed/);
      });
    }
  });
}
