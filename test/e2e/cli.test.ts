import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetIds, presetOf } from '../../src/options/presets.js';
import { cliBin, listFiles, repoRoot, runCli, suiteTempDir, tempDir } from '../support/cli.js';
import { inTerminal } from '../support/pty.js';

describe('help and version', () => {
  it('--help lists every answer flag, every run option and every preset', async () => {
    const { stdout, exitCode } = await runCli(['--help'], { cwd: tempDir('help') });
    expect(exitCode).toBe(0);
    for (const flag of ['--pattern', '--services', '--accounts', '--frontend', '--api-access', '--ingest', '--auth', '--edge', '--cache', '--throttle', '--domain', '--region', '--yes', '--dry-run', '--json', '--force', '--package-manager', '--no-install', '--no-git']) {
      expect(stdout).toContain(flag);
    }
    for (const id of presetIds) expect(stdout).toMatch(new RegExp(`^  ${presetOf(id).number}  ${id} `, 'm'));
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect((await runCli(['--version'], { cwd: tempDir('version') })).stdout.trim()).toBe(version);
  });
});

describe('bad input: exit 2, one line naming what to fix, nothing written', () => {
  it.each<[string, string[], RegExp]>([
    ['an unknown flag', ['app', '--pattern', 'api', '--colour'], /unknown option '--colour'/i],
    ['an unknown preset', ['app', '--pattern', 'monolith'], /Invalid --pattern "monolith": must be one of api, microservices/],
    ['an invalid name', ['app', '--pattern', 'api', '--name', 'Bad_Name'], /Invalid --name "Bad_Name"/],
    ['a name with a slash', ['app', '--pattern', 'api', '--name', 'a/b'], /Invalid --name "a\/b"/],
    ['a name with a control character', ['app', '--pattern', 'api', '--name', 'a\tb'], /Invalid --name/],
    ['a folder that is not a valid name', ['Bad Folder', '--pattern', 'api'], /Invalid project name "Bad Folder" \(from the folder name\)/],
    ['a throttle that does not parse', ['app', '--pattern', 'api', '--throttle', '10/20'], /Invalid --throttle "10\/20"/],
    ['an invalid combination', ['app', '--pattern', 'api', '--edge', 'ab-testing'], /--edge needs a CloudFront distribution/],
    ['an unknown ingest kind', ['app', '--pattern', 'storage-first', '--ingest', 'kafka'], /Invalid --ingest "kafka": must be one of none, sqs, kinesis/],
    ['the site sign-in without Cognito', ['app', '--pattern', 'spa-same-origin', '--edge', 'site-auth'], /--edge site-auth signs visitors in with Cognito: add --auth cognito/],
    ['an unknown auth mode', ['app', '--pattern', 'api', '--auth', 'saml'], /Invalid --auth "saml": must be one of none, cognito, lambda, cognito,lambda/],
    ['an unknown package manager', ['app', '--pattern', 'api', '--package-manager', 'pip'], /Invalid --package-manager "pip"/],
    ['no --pattern without a terminal', ['app'], /Missing --pattern/],
    ['no directory without a terminal', ['--pattern', 'api'], /Missing the project directory/],
    ['too many arguments', ['app', 'extra', '--pattern', 'api'], /too many arguments/i],
  ])('%s', async (_, args, message) => {
    const cwd = tempDir('bad');
    const { exitCode, stderr, stdout } = await runCli([...args, '--no-install', '--no-git'], { cwd });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('a non-empty folder without --force, leaving its files as they were', async () => {
    const cwd = tempDir('nonempty');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'notes.md'), 'mine');
    const { exitCode, stderr } = await runCli(['app', '--pattern', 'api', '--no-install', '--no-git'], { cwd });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/app is not empty; .*--force/);
    expect(listFiles(cwd)).toEqual(['app', 'app/notes.md']);
  });

  it('with --json, the error is the one JSON document on stdout', async () => {
    const cwd = tempDir('json-error');
    const { exitCode, stdout } = await runCli(['app', '--pattern', 'nope', '--json'], { cwd });
    expect(exitCode).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: { message: expect.stringMatching(/^Invalid --pattern/), exitCode: 2, hints: [] } });
  });
});

describe('dry run and JSON', () => {
  it('--dry-run lists the files and steps and writes nothing', async () => {
    const cwd = tempDir('dry');
    const { exitCode, stdout } = await runCli(['app', '--pattern', 'api', '--dry-run'], { cwd });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Dry run: would write \d+ files to app/);
    expect(stdout).toContain('create    services/items/handlers/create.ts');
    expect(stdout).toContain('then run  npm install');
    expect(stdout).toContain('then run  git init');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('--json prints one document on stdout and the human lines on stderr', async () => {
    const cwd = tempDir('json');
    const { exitCode, stdout, stderr } = await runCli(['app', '--pattern', 'api', '--json', '--no-install', '--no-git'], { cwd });
    expect(exitCode).toBe(0);
    const doc = JSON.parse(stdout) as { files: { path: string; status: string }[]; steps: unknown[]; nextSteps: string[]; answers: { name: string }; command: string };
    expect(doc.answers.name).toBe('app');
    expect(doc.command).toBe('npx create-serverless-pattern app --pattern api --no-install --no-git --yes');
    expect(doc.files.map((f) => f.path)).toContain('infra/app.ts');
    expect(doc.files.every((f) => f.status === 'create')).toBe(true);
    expect(doc.steps).toEqual([]);
    expect(doc.nextSteps).toEqual(['cd app', 'npm install', 'npm run dev', 'npm run test', 'npm run synth', 'npm run deploy']);
    expect(stderr).toContain('Wrote');
    expect(existsSync(join(cwd, 'app', '.serverless-pattern.json'))).toBe(true);
  });
});

describe('steps, with stand-in executables that record their arguments', () => {
  const binDir = suiteTempDir('bin');
  let bin: string;
  let calls: string;
  beforeAll(() => {
    bin = binDir();
    calls = join(bin, 'calls.log');
    for (const tool of ['npm', 'pnpm', 'git']) {
      const script = join(bin, tool);
      // Records "tool args" and the folder it ran in; fails or hangs when asked to.
      writeFileSync(
        script,
        [
          '#!/bin/sh',
          `echo "${tool} $* @ $(basename "$PWD")" >> "${calls}"`,
          `[ "$STANDIN_FAIL" = "${tool} $1" ] && { echo "${tool}: it went wrong" >&2; exit 1; }`,
          `[ "$STANDIN_HANG" = "${tool}" ] && { echo ready >&2; exec sleep 30; }`,
          `[ "${tool} $1" = "git rev-parse" ] && echo false`,
          // What the project's deploy script leaves behind: the stacks' outputs.
          `[ "${tool} $1 $2" = "npm run deploy" ] && { mkdir -p cdk.out; echo '{"shop-items":{"ApiEndpoint":"https://abc.execute-api.us-east-1.amazonaws.com/prod/"}}' > cdk.out/outputs.json; }`,
          'exit 0',
          '',
        ].join('\n'),
      );
      chmodSync(script, 0o755);
    }
  });
  const env = (extra: Record<string, string> = {}) => ({ PATH: `${bin}:${process.env.PATH}`, ...extra });
  const recorded = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);

  it('installs with the chosen package manager, then inits git and commits, in the project folder; next steps lead with the local stack, in its words', async () => {
    writeFileSync(calls, '');
    const cwd = tempDir('steps');
    const { exitCode, stdout } = await runCli(['shop', '--pattern', 'api', '--package-manager', 'pnpm'], { cwd, env: env() });
    expect(exitCode).toBe(0);
    // `dev` first: the one that works without an AWS account.
    expect(stdout).toMatch(/\nNext steps:\n {2}cd shop\n {2}pnpm run dev\n {2}pnpm run test\n {2}pnpm run synth\n {2}pnpm run deploy$/);
    expect(recorded()).toEqual([
      'pnpm install @ shop',
      'git rev-parse --is-inside-work-tree @ shop',
      'git init --quiet @ shop',
      'git add --all @ shop',
      'git commit --quiet --no-verify --message Initial commit from create-serverless-pattern @ shop',
    ]);
  });

  it('a failed install exits 1, keeps the project and prints the command to retry', async () => {
    writeFileSync(calls, '');
    const cwd = tempDir('install-fails');
    const { exitCode, stderr } = await runCli(['shop', '--pattern', 'api', '--no-git'], { cwd, env: env({ STANDIN_FAIL: 'npm install' }) });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/error: Installing dependencies failed: Command failed with exit code 1: npm install/);
    expect(stderr).toContain('Retry with: cd shop && npm install');
    expect(existsSync(join(cwd, 'shop', 'infra', 'app.ts'))).toBe(true);
  });

  it('--deploy runs the project\'s deploy script last, with --yes and the profile, and prints its outputs', async () => {
    writeFileSync(calls, '');
    const cwd = tempDir('deploy');
    const { exitCode, stdout } = await runCli(['shop', '--pattern', 'api', '--no-git', '--deploy', '--yes', '--profile', 'team', '--json'], { cwd, env: env() });
    expect(exitCode).toBe(0);
    expect(recorded()).toEqual(['npm install @ shop', 'npm run deploy -- --yes --profile team @ shop']);
    expect(JSON.parse(stdout).outputs).toEqual({ 'shop-items': { ApiEndpoint: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/' } });
  });

  it('a failed deploy exits 1, keeps the project and prints the command to resume', async () => {
    writeFileSync(calls, '');
    const cwd = tempDir('deploy-fails');
    const { exitCode, stderr } = await runCli(['shop', '--pattern', 'api', '--no-git', '--deploy'], { cwd, env: env({ STANDIN_FAIL: 'npm run' }) });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('Resume with: cd shop && npm run deploy');
    expect(existsSync(join(cwd, 'shop', 'infra', 'app.ts'))).toBe(true);
  });

  it.each([
    [['--deploy', '--no-install'], /--deploy needs the dependencies installed/],
    [['--profile', 'team'], /--profile is for --deploy/],
  ])('refuses %j before writing anything', async (args, message) => {
    const cwd = tempDir('deploy-bad');
    const { exitCode, stderr } = await runCli(['shop', '--pattern', 'api', ...args], { cwd, env: env() });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('Ctrl-C during the install exits 130, keeps the written project and says how to finish', async () => {
    writeFileSync(calls, '');
    const cwd = tempDir('install-interrupted');
    const child = execa('node', [cliBin, 'shop', '--pattern', 'api', '--no-git'], { cwd, env: { ...env({ STANDIN_HANG: 'npm' }), NO_COLOR: '1' }, reject: false, stdin: 'ignore' });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) child.kill('SIGINT');
    });
    const { exitCode, stderr } = await child;
    expect(exitCode).toBe(130);
    expect(stderr).toContain('finish with: cd shop && npm install');
    expect(existsSync(join(cwd, 'shop', '.serverless-pattern.json'))).toBe(true);
  });
});

describe('in a terminal', () => {
  it('prompts for the name, the pattern and its answers, then generates', async () => {
    const cwd = tempDir('tty');
    const result = await inTerminal(
      [
        ['Project name', 'tty-app\r'],
        ['Which architecture pattern?', '\r'],
        ["Customise this preset's features?", '\r'],
        ['Service names', '\r'],
        ['Cache GET responses', '\r'],
        ['Protect the APIs and the site with AWS WAF', '\r'],
        ['API throttling', '\r'],
        ['Custom domain', '\r'],
        ['AWS region', '\r'],
        ['CI/CD?', '\r'],
        ['Create it?', '\r'],
      ],
      ['--no-install', '--no-git'],
      cwd,
    );
    expect(result.output).toContain('Backend API');
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'tty-app', 'infra', 'app.ts'))).toBe(true);
  });

  it('re-asks a bad answer, saying what is wrong with it', async () => {
    const cwd = tempDir('tty-bad');
    const result = await inTerminal([['Project name', 'Bad Name\r'], ['must start with a lowercase letter', '\u0003']], ['--no-install', '--no-git'], cwd);
    expect(result.code).toBe(130);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = tempDir('tty-ctrl-c');
    const result = await inTerminal([['Which architecture pattern?', '\u0003']], ['app', '--no-install', '--no-git'], cwd);
    expect(result.code).toBe(130);
    expect(result.output).toContain('Interrupted');
    expect(listFiles(cwd)).toEqual([]);
  });
});
