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
  /** Stack names `cdk synth` must produce. */
  readonly stacks: readonly string[];
  /** Commands that must succeed before synth, as a user runs them (e.g. building the SPA). */
  readonly beforeSynth?: readonly (readonly [string, ...string[]])[];
  /** Files the commands before synth must produce. */
  readonly built?: readonly string[];
}

const spaBuild = { beforeSynth: [['npm', 'run', 'build']], built: ['frontend/dist/index.html'] } as const;

const cases: readonly Case[] = [
  { name: 'api', args: ['--pattern', 'api'], stacks: ['api-items'] },
  { name: 'api-cognito', args: ['--pattern', 'api', '--auth', 'cognito'], stacks: ['api-cognito-auth', 'api-cognito-items'] },
  { name: 'api-lambda', args: ['--pattern', 'api', '--auth', 'lambda'], stacks: ['api-lambda-items'] },
  { name: 'api-cognito-lambda', args: ['--pattern', 'api', '--auth', 'cognito,lambda'], stacks: ['api-cognito-lambda-auth', 'api-cognito-lambda-items'] },
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
  {
    name: 'secure',
    args: ['--pattern', 'secure'],
    // In us-east-1 (the default region) the Lambda@Edge function lives in the site stack.
    stacks: ['secure-site', 'secure-auth', 'secure-items', 'secure-site-content'],
    ...spaBuild,
  },
  {
    name: 'edge-all',
    // Outside us-east-1: the Lambda@Edge function gets its own stack there.
    args: ['--pattern', 'spa-same-origin', '--auth', 'cognito,lambda', '--edge', 'site-auth,security-headers,origin-failover,ab-testing,progressive-rollout', '--region', 'eu-west-1'],
    stacks: ['edge-all-site', 'edge-all-site-auth', 'edge-all-auth', 'edge-all-items', 'edge-all-site-content'],
    ...spaBuild,
  },
];

describe.each(cases)('a generated $name project', ({ name, args, stacks, beforeSynth = [], built = [] }) => {
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
    const manifest = JSON.parse(readFileSync(join(project, 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const synthesized = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id]) => id);
    expect(synthesized.sort()).toEqual([...stacks].sort());
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

  it('deploys every stack with the profile, after checking who it is and bootstrapping (fake AWS on loopback, stand-in cdk)', async () => {
    const aws = await startFakeAws('123456789012');
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
    const config = join(bin, 'aws-config');
    writeFileSync(config, '[profile team]\naws_access_key_id = AKIDTEST\naws_secret_access_key = not-a-secret\n');
    try {
      // Run the script directly: `npm run` would put the real cdk first on PATH.
      const result = await execa('node_modules/.bin/tsx', ['scripts/deploy.ts', 'deploy', '--yes', '--profile', 'team'], {
        cwd: project,
        all: true,
        reject: false,
        env: { ...offline, PATH: `${bin}:${process.env.PATH}`, AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL_STS: aws.endpoint, AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint },
      });
      expectOk(result);
      const recorded = readFileSync(calls, 'utf8').trim().split('\n');
      expect(recorded[0]).toMatch(/^cdk bootstrap aws:\/\/123456789012\/[a-z0-9-]+ --profile team$/);
      const deployed = recorded.filter((line) => line.startsWith('cdk deploy '));
      for (const line of deployed) expect(line).toMatch(/ --exclusively --profile team --require-approval never --outputs-file cdk\.out\/outputs-123456789012-[a-z0-9-]+\.json$/);
      expect(deployed.flatMap((line) => line.split(' --exclusively')[0]!.split(' ').slice(2)).sort()).toEqual([...stacks].sort());
      expect(aws.actions).toContain('GetCallerIdentity');
    } finally {
      await aws.close();
    }
  });
});
