import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, suiteTempDir, tempDir } from './cli.js';
import { startFakeAws } from './fake-aws.js';
import type { GeneratedCase } from './generated-cases.js';
import { offline as offlineEnv } from './offline-env.js';
import { onNode24 } from './node24.js';
import { freePort } from './free-port.js';
import { checkoutAndNode, runJob } from './workflow-runner.js';

/**
 * The promise of the product: a generated project installs, type-checks, synthesizes
 * offline with no AWS credentials, and passes its own tests, cdk-nag and cfn-lint. Each case
 * runs the built CLI as a user would, with a real npm install (from the shared npm cache),
 * then runs its ci.yml (type-check, build, tests, synth, cfn-lint), runs it locally and
 * deploys it (against fakes), all of it on Node 24 (see node24.ts).
 */
const offline = onNode24(offlineEnv);

export function describeGeneratedProject({ name, args, stacks, accounts, built = [], bootstrapOnly = [`${name}-ci`] }: GeneratedCase) {
  describe(`a generated ${name} project`, () => {
    const folder = suiteTempDir(`gen-${name}`);
    let cwd: string;
    let project: string;
    beforeAll(() => {
      cwd = folder();
      project = join(cwd, name);
    });
    const run = (cmd: string, cmdArgs: string[]) => execa(cmd, cmdArgs, { cwd: project, env: offline, all: true, reject: false });
    const expectOk = (result: { exitCode?: number; all?: string }) => {
      if (result.exitCode !== 0) throw new Error(result.all);
    };

    it('is generated, installed and committed by the CLI', async () => {
      const result = await runCli([name, ...args, '--yes'], { cwd, env: offline });
      expectOk(result);
      // What its scripts and npx run on: Node 24, whatever Node runs the suite.
      expect((await run('npm', ['exec', '--', 'node', '--version'])).stdout).toMatch(/^v24\./);
      expect(existsSync(join(project, 'node_modules', 'aws-cdk-lib'))).toBe(true);
      const log = await run('git', ['log', '--format=%s']);
      expect(log.stdout).toBe('Initial commit from create-serverless-pattern');
      expect((await run('git', ['status', '--porcelain'])).stdout).toBe('');
    });

    it("passes ci.yml's checks, run step by step as GitHub runs them: type-check, build, its own tests, synth with cdk-nag, cfn-lint", async () => {
      // The workflow a pull request runs, offline: the steps are the project's own scripts.
      const nodeVersion = (await run('node', ['--version'])).stdout;
      const ci = await runJob('ci.yml', 'check', {
        project,
        env: offline,
        github: { repository: `octo-org/${name}`, event_name: 'pull_request', event: { action: 'opened', number: 1 }, ref: 'refs/pull/1/merge', sha: 'a'.repeat(40), token: 'not-a-token' },
        actions: checkoutAndNode(nodeVersion),
        skip: {
          // The CLI installed the project from this lockfile moments ago (test/e2e/team-workflow.test.ts runs the install step).
          'Install dependencies': 'installed from the lockfile by the CLI',
          // No network here: the machine's cfn-lint, which the next step runs.
          'Install cfn-lint': 'cfn-lint is preinstalled here',
        },
      });
      expect(ci.ran).toBe(true);
      const output = (step: string) => ci.steps.find((candidate) => candidate.name === step)?.output ?? '';
      expect(output('Test')).toMatch(/Tests\s+\d+ passed/);
      for (const file of built) expect(existsSync(join(project, file)), file).toBe(true);
      const manifest = JSON.parse(readFileSync(join(project, 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; environment: string }> };
      const synthesized = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
      expect(synthesized.map(([id]) => id).sort()).toEqual([...stacks, ...bootstrapOnly].sort());
      for (const [id, artifact] of synthesized) {
        expect(artifact.environment).toMatch(accounts ? new RegExp(`^aws://${accounts[id]}/`) : /^aws:\/\/unknown-account\//);
      }
      for (const file of built) {
        // What was built is what synth packaged for deployment, not the placeholder page.
        const content = readFileSync(join(project, file), 'utf8');
        const assets = readdirSync(join(project, 'cdk.out')).filter((entry) => entry.startsWith('asset.'));
        expect(assets.some((asset) => existsSync(join(project, 'cdk.out', asset, 'index.html')) && readFileSync(join(project, 'cdk.out', asset, 'index.html'), 'utf8') === content)).toBe(true);
      }
    });

    it("runs under the toolkit's local stack, which passes its tests of each of the project's features over HTTP", async () => {
      // packages/toolkit/test/project: the emulator's tests, kept here rather than in every project.
      const result = await execa('npx', ['vitest', 'run', '--config', 'packages/toolkit/test/project/vitest.config.ts'], {
        cwd: repositoryRoot,
        env: { ...offline, SERVERLESS_PATTERN_PROJECT: project },
        all: true,
        reject: false,
      });
      expectOk(result);
      expect(result.all).toMatch(/Tests\s+\d+ passed/);
      expect(result.all).toMatch(/dev\/items-api\.test\.ts/);
    });

    if (built.length > 0) {
      it('passes its browser tests: the site as CloudFront serves it, used in Chromium', async () => {
        const screenshots = join(repositoryRoot, 'test-results', 'browser', name);
        const result = await execa('npm', ['run', 'test:browser'], {
          cwd: project,
          env: { ...offline, CHROME_PATH: chromePath(), SCREENSHOT_DIR: screenshots },
          all: true,
          reject: false,
        });
        expectOk(result);
        expect(result.all).toMatch(/Tests\s+\d+ passed/);
        expect(existsSync(join(screenshots, 'items.png'))).toBe(true);
      });
    }

    it('runs locally: npm run dev answers over HTTP, refuses a taken port naming --port, and stops on Ctrl-C with exit 0', async () => {
      const port = await freePort();
      // A site (if any) gets a free port of its own, so that the API port is the one a second run finds taken.
      const site = built.length > 0 ? ['--site-port', String(await freePort())] : [];
      const endpointsFile = join(project, '.dev', 'endpoints.json');
      // What `npm run dev` runs (its one command, without npm and the shell); Ctrl-C reaches its whole process group, as in a terminal.
      const [command, ...scriptArgs] = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: { dev: string } }).scripts.dev.split(' ');
      const dev = execa(command!, [...scriptArgs, '--port', String(port), ...site], { cwd: project, env: offline, preferLocal: true, all: true, reject: false, detached: true });
      try {
        await vi.waitFor(() => expect(existsSync(endpointsFile)).toBe(true), { timeout: 60_000, interval: 100 });
        const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as { apis: Record<string, string>; auth?: object; site?: string };
        for (const collection of Object.values(endpoints.apis)) {
          // The collection as the SPA calls it, when there is one: through the site (same origin) or the API's own
          // distribution, either of which adds the API key; else the API itself.
          expect(collection).toMatch(endpoints.site ? /^http:\/\/localhost:\d+\// : new RegExp(`^http://localhost:${port}/`));
          // A signed-in API turns the anonymous caller away before any function runs.
          expect((await fetch(new URL(collection, endpoints.site ?? `http://localhost:${port}`))).status).toBe(endpoints.auth ? 401 : 200);
        }
        if (built.length > 0) expect(await (await fetch(endpoints.site!)).text()).toContain('<div id="root">');
        const second = await run('npm', ['run', 'dev', '--', '--port', String(port), ...(site.length ? ['--site-port', String(await freePort())] : [])]);
        expect(second.exitCode).toBe(1);
        expect(second.all).toMatch(new RegExp(`error: Port ${port} is in use: stop what uses it, or choose another with --port <number>`));
      } finally {
        process.kill(-dev.pid!, 'SIGINT');
      }
      const stopped = await dev;
      expect(stopped.exitCode, stopped.all).toBe(0);
      expect(stopped.all).not.toMatch(/^\s+at /m);
      expect(existsSync(endpointsFile)).toBe(false);
      expect(await freePort(port)).toBe(port);
    });

    it('refuses to deploy without credentials or with a value left to fill in, then deploys every stack with its profile, after checking who it is and bootstrapping (fake AWS on loopback, stand-in cdk)', async () => {
      // Each service's profile is the service's name (multi-account), else one profile for all;
      // a stack of an account's own settings (API Gateway's role, the alarm topic) deploys with
      // the profile of the service in that account.
      const service = (stack: string) => stack.slice(name.length + 1);
      const accountOf = (stack: string) => accounts?.[stack] ?? '123456789012';
      const serviceIn = (account: string) => Object.keys(accounts ?? {}).map(service).find((s) => !s.includes('-') && accountOf(`${name}-${s}`) === account)!;
      const profileOf = (stack: string) => (accounts ? serviceIn(accountOf(stack)) : 'team');
      const keyOf = (profile: string) => `AKID${profile.toUpperCase()}`;
      const aws = await startFakeAws(Object.fromEntries(stacks.map((stack) => [keyOf(profileOf(stack)), accountOf(stack)])));

      const bin = tempDir('cdk-standin');
      const calls = join(bin, 'calls.log');
      writeFileSync(
        join(bin, 'cdk'),
        [
          '#!/bin/sh',
          `echo "cdk $*" >> "${calls}"`,
          // The deploy plans from the assembly `cdk synth` writes: the real one, which the synth
          // test above already produced, synthesized again once infra/config.ts is edited below
          // (placeholders and profiles are read from the assembly).
          `[ "$1" = synth ] && { [ cdk.out/manifest.json -nt infra/config.ts ] && exit 0; exec "${join(project, 'node_modules', '.bin', 'cdk')}" "$@"; }`,
          // Like the real CLI, write the outputs file it was asked for.
          'while [ $# -gt 0 ]; do [ "$1" = "--outputs-file" ] && { mkdir -p "$(dirname "$2")"; echo "{}" > "$2"; }; shift; done',
          '',
        ].join('\n'),
      );
      chmodSync(join(bin, 'cdk'), 0o755);
      const awsConfig = join(bin, 'aws-config');
      const profiles = [...new Set(stacks.map(profileOf))];
      writeFileSync(awsConfig, profiles.map((p) => `[profile ${p}]\naws_access_key_id = ${keyOf(p)}\naws_secret_access_key = not-a-secret\n`).join(''));

      // Run the toolkit directly: `npm run` would put the real cdk first on PATH.
      const deploy = (profileArgs = accounts ? [] : ['--profile', 'team'], config = awsConfig) =>
        execa('node_modules/.bin/serverless-pattern', ['deploy', '--yes', ...profileArgs], {
          cwd: project,
          all: true,
          reject: false,
          env: { ...offline, PATH: `${bin}:${offline.PATH}`, AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL_STS: aws.endpoint, AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint },
        });
      const configFile = join(project, 'infra', 'config.ts');
      const edit = (change: (source: string) => string) => writeFileSync(configFile, change(readFileSync(configFile, 'utf8')));
      const changed = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '').split('\n').filter((line) => /^cdk (deploy|bootstrap) /.test(line));
      try {
        // No credentials anywhere (no keys, no profile): one line, no stack trace, nothing changed.
        const anonymous = await deploy([], '/dev/null');
        expect(anonymous.exitCode).toBe(1);
        expect(anonymous.all).toMatch(/error: No usable AWS credentials from the environment/);
        expect(anonymous.all).not.toMatch(/^\s+at /m);
        expect(changed()).toEqual([]);
        expect((await run('git', ['status', '--porcelain'])).stdout).toBe('');

        // Each value left to fill in (hosted zone ids, the Lambda authorizer's issuer), all named at once, before anything changes.
        const placeholders = [
          ['REPLACE_WITH_HOSTED_ZONE_ID', 'Z0123456789ABCDEFGHIJ'],
          ['REPLACE_WITH_YOUR_ISSUER', 'issuer.example.com'],
        ].filter(([placeholder]) => readFileSync(configFile, 'utf8').includes(placeholder!));
        if (accounts) {
          // One profile for every service: its credentials belong to one account only.
          const [first] = stacks;
          const wrong = await deploy(['--profile', profileOf(first!)]);
          expect(wrong.exitCode).toBe(1);
          // Whichever other service the plan meets first is refused, before anything is deployed.
          expect(wrong.all).toMatch(new RegExp(`error: The credentials are for account ${accountOf(first!)}, but ${name}-[\\w-]+ deploy to (?!${accountOf(first!)})\\d{12}`));
          expect(changed()).toEqual([]);
          // As the user would: name each service account's profile.
          edit((source) => source.replace(/\/\/ profile: '(\w+)',/g, "profile: '$1',"));
        } else if (placeholders.length > 0) {
          const refused = await deploy();
          expect(refused.exitCode).toBe(1);
          expect(refused.all).toMatch(/error: The app still has REPLACE_WITH_\w+ \(in /);
          for (const [placeholder] of placeholders) expect(refused.all).toMatch(new RegExp(`${placeholder} \\(in ${name}-[\\w-]+`));
          expect(changed()).toEqual([]);
        }
        // As the user would: fill them in.
        for (const [placeholder, value] of placeholders) edit((source) => source.replaceAll(placeholder!, value!));
        expectOk(await deploy());
        const recorded = readFileSync(calls, 'utf8').trim().split('\n');
        const deployed = recorded.filter((line) => line.startsWith('cdk deploy '));
        expect(deployed.flatMap((line) => line.split(' --exclusively')[0]!.split(' ').slice(2)).sort()).toEqual([...stacks].sort());
        for (const line of deployed) {
          const stack = line.split(' ')[2]!;
          // Every call deploys the assembly the plan was made from.
          expect(line).toMatch(new RegExp(` --exclusively --app cdk\\.out --profile ${profileOf(stack)} --require-approval never --outputs-file cdk\\.out/outputs-${accountOf(stack)}-[a-z0-9-]+\\.json$`));
          // Bootstrapped (the fake says it never was) before the first deploy into that account.
          const bootstrap = recorded.findIndex((l) => l.startsWith(`cdk bootstrap aws://${accountOf(stack)}/`) && l.endsWith(`--profile ${profileOf(stack)}`));
          expect(bootstrap).toBeGreaterThanOrEqual(0);
          expect(bootstrap).toBeLessThan(recorded.indexOf(line));
        }
        expect(aws.actions).toContain('GetCallerIdentity');
      } finally {
        await aws.close();
      }
    });
  });
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Debian's Chromium (.ci/run installs it), unless CHROME_PATH names another. */
function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: install it (apt-get install -y chromium) or set CHROME_PATH`);
  return path;
}
