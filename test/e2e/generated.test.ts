import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeAws } from '../support/fake-aws.js';

/**
 * The promise of the product: a generated project installs, type-checks, synthesizes
 * offline with no AWS credentials, and passes its own tests and cdk-nag. Each case runs
 * the built CLI as a user would, with a real npm install (from the shared npm cache).
 */
const offline = {
  // No credentials, no metadata service: synth must not need AWS.
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_PROFILE: '',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  npm_config_prefer_offline: 'true',
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Stack names `cdk synth` must produce, with the account each pins (if it pins one). */
  readonly stacks: readonly string[];
  /** For one-account-per-service cases: stack → account, as `cdk.out/manifest.json` must show. */
  readonly accounts?: Readonly<Record<string, string>>;
  /** Commands that must succeed before synth, as a user runs them (e.g. building the SPA). */
  readonly beforeSynth?: readonly (readonly [string, ...string[]])[];
  /** Files the commands before synth must produce. */
  readonly built?: readonly string[];
}

const spaBuild = { beforeSynth: [['npm', 'run', 'build']], built: ['frontend/dist/index.html'] } as const;

const cases: readonly Case[] = [
  { name: 'api', args: ['--pattern', 'api'], stacks: ['api-items'] },
  { name: 'ms-two', args: ['--pattern', 'microservices'], stacks: ['ms-two-orders', 'ms-two-catalog'] },
  {
    name: 'ms-three-domain',
    args: ['--pattern', 'microservices', '--services', 'orders,catalog,billing', '--domain', 'api.example.com'],
    stacks: ['ms-three-domain-orders', 'ms-three-domain-catalog', 'ms-three-domain-billing', 'ms-three-domain-domain'],
  },
  {
    name: 'ms-multi-domain',
    args: ['--pattern', 'microservices', '--services', 'orders,catalog,billing', '--accounts', 'multi', '--service-accounts', 'orders=111111111111,catalog=222222222222,billing=333333333333/eu-central-1', '--domain', 'api.example.com'],
    stacks: ['ms-multi-domain-orders', 'ms-multi-domain-catalog', 'ms-multi-domain-billing'],
    accounts: { 'ms-multi-domain-orders': '111111111111', 'ms-multi-domain-catalog': '222222222222', 'ms-multi-domain-billing': '333333333333' },
  },
  { name: 'storage-first', args: ['--pattern', 'storage-first'], stacks: ['storage-first-items'] },
  { name: 'storage-first-kinesis', args: ['--pattern', 'storage-first', '--ingest', 'kinesis'], stacks: ['storage-first-kinesis-items'] },
  { name: 'spa', args: ['--pattern', 'spa'], stacks: ['spa-site', 'spa-items', 'spa-site-content'], ...spaBuild },
  {
    name: 'spa-regional-api',
    args: ['--pattern', 'spa-regional-api'],
    stacks: ['spa-regional-api-site', 'spa-regional-api-items', 'spa-regional-api-site-content'],
    ...spaBuild,
  },
  {
    name: 'spa-same-origin',
    args: ['--pattern', 'spa-same-origin'],
    stacks: ['spa-same-origin-site', 'spa-same-origin-items', 'spa-same-origin-site-content'],
    ...spaBuild,
  },
  {
    // A custom domain outside us-east-1: the certificate stack lives there, the site reads it across regions.
    name: 'spa-domain',
    args: ['--pattern', 'spa', '--domain', 'app.example.com', '--region', 'eu-west-1'],
    stacks: ['spa-domain-certificate', 'spa-domain-site', 'spa-domain-items', 'spa-domain-site-content'],
    ...spaBuild,
  },
];

describe.each(cases)('a generated $name project', ({ name, args, stacks, accounts, beforeSynth = [], built = [] }) => {
  const cwd = tempDir(`gen-${name}`);
  const project = join(cwd, name);
  const run = (cmd: string, cmdArgs: string[]) => execa(cmd, cmdArgs, { cwd: project, env: offline, all: true, reject: false });
  const expectOk = (result: { exitCode?: number; all?: string }) => {
    if (result.exitCode !== 0) throw new Error(result.all);
  };

  it('is generated, installed and committed by the CLI', async () => {
    const result = await runCli([name, ...args, '--yes'], { cwd, env: offline });
    expectOk(result);
    expect(existsSync(join(project, 'node_modules', 'aws-cdk-lib'))).toBe(true);
    const log = await run('git', ['log', '--format=%s']);
    expect(log.stdout).toBe('Initial commit from create-serverless-pattern');
    expect((await run('git', ['status', '--porcelain'])).stdout).toBe('');
  });

  it('type-checks', async () => {
    expectOk(await run('npx', ['tsc', '--noEmit']));
  });

  const builds = beforeSynth.length > 0 ? `runs ${beforeSynth.map((c) => c.join(' ')).join(', ')}, then ` : '';
  it(`${builds}synthesizes offline, with every function bundled and cdk-nag clean`, async () => {
    for (const [cmd, ...cmdArgs] of beforeSynth) expectOk(await run(cmd, cmdArgs));
    for (const file of built) expect(existsSync(join(project, file)), file).toBe(true);
    expectOk(await run('npx', ['cdk', 'synth', '--quiet']));
    const manifest = JSON.parse(readFileSync(join(project, 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; environment: string }> };
    const synthesized = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
    expect(synthesized.map(([id]) => id).sort()).toEqual([...stacks].sort());
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

  it('passes its own tests', async () => {
    const result = await run('npm', ['test']);
    expectOk(result);
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });

  it('refuses to deploy without credentials: exit 1, one line, no stack trace, project untouched', async () => {
    const result = await run('npm', ['run', 'deploy']);
    expect(result.exitCode).toBe(1);
    expect(result.all).toMatch(/error: No usable AWS credentials from the environment/);
    expect(result.all).not.toMatch(/^\s+at /m);
    expect((await run('git', ['status', '--porcelain'])).stdout).toBe('');
  });

  it('deploys every stack with its profile, after checking who it is and bootstrapping (fake AWS on loopback, stand-in cdk)', async () => {
    // Each service's profile is the service's name (multi-account), else one profile for all.
    const service = (stack: string) => stack.slice(name.length + 1);
    const profileOf = (stack: string) => (accounts ? service(stack) : 'team');
    const accountOf = (stack: string) => accounts?.[stack] ?? '123456789012';
    const keyOf = (profile: string) => `AKID${profile.toUpperCase()}`;
    const aws = await startFakeAws(Object.fromEntries(stacks.map((stack) => [keyOf(profileOf(stack)), accountOf(stack)])));

    const bin = tempDir('cdk-standin');
    const calls = join(bin, 'calls.log');
    writeFileSync(
      join(bin, 'cdk'),
      [
        '#!/bin/sh',
        `echo "cdk $*" >> "${calls}"`,
        // Like the real CLI, write the outputs file it was asked for.
        'while [ $# -gt 0 ]; do [ "$1" = "--outputs-file" ] && { mkdir -p "$(dirname "$2")"; echo "{}" > "$2"; }; shift; done',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'cdk'), 0o755);
    const awsConfig = join(bin, 'aws-config');
    const profiles = [...new Set(stacks.map(profileOf))];
    writeFileSync(awsConfig, profiles.map((p) => `[profile ${p}]\naws_access_key_id = ${keyOf(p)}\naws_secret_access_key = not-a-secret\n`).join(''));

    // Run the script directly: `npm run` would put the real cdk first on PATH.
    const deploy = (profileArgs = accounts ? [] : ['--profile', 'team']) =>
      execa('node_modules/.bin/tsx', ['scripts/deploy.ts', 'deploy', '--yes', ...profileArgs], {
        cwd: project,
        all: true,
        reject: false,
        env: { ...offline, PATH: `${bin}:${process.env.PATH}`, AWS_CONFIG_FILE: awsConfig, AWS_ENDPOINT_URL_STS: aws.endpoint, AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint },
      });
    const configFile = join(project, 'infra', 'config.ts');
    const edit = (change: (source: string) => string) => writeFileSync(configFile, change(readFileSync(configFile, 'utf8')));
    try {
      if (accounts) {
        // One profile for every service: its credentials belong to one account only.
        const [first, second] = stacks;
        const wrong = await deploy(['--profile', profileOf(first!)]);
        expect(wrong.exitCode).toBe(1);
        expect(wrong.all).toContain(`error: The credentials are for account ${accountOf(first!)}, but ${second} deploy to ${accountOf(second!)}`);
        expect(existsSync(calls)).toBe(false);
        // As the user would: name each service account's profile.
        edit((source) => source.replace(/\/\/ profile: '(\w+)',/g, "profile: '$1',"));
      }
      if (readFileSync(configFile, 'utf8').includes('REPLACE_WITH_HOSTED_ZONE_ID')) {
        const refused = await deploy();
        expect(refused.exitCode).toBe(1);
        expect(refused.all).toContain('infra/config.ts still has REPLACE_WITH_HOSTED_ZONE_ID');
        expect(existsSync(calls)).toBe(false);
        // As the user would: fill in the hosted zone ids.
        edit((source) => source.replaceAll('REPLACE_WITH_HOSTED_ZONE_ID', 'Z0123456789ABCDEFGHIJ'));
      }
      expectOk(await deploy());
      const recorded = readFileSync(calls, 'utf8').trim().split('\n');
      const deployed = recorded.filter((line) => line.startsWith('cdk deploy '));
      expect(deployed.flatMap((line) => line.split(' --exclusively')[0]!.split(' ').slice(2)).sort()).toEqual([...stacks].sort());
      for (const line of deployed) {
        const stack = line.split(' ')[2]!;
        expect(line).toMatch(new RegExp(` --exclusively --profile ${profileOf(stack)} --require-approval never --outputs-file cdk\\.out/outputs-${accountOf(stack)}-[a-z0-9-]+\\.json$`));
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
