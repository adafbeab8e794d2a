import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, suiteTempDir } from '../support/cli.js';
import { functionsOnlyApp } from '../support/functions-only-app.js';
import { type Moto, motoAvailable, motoEnv, motoGet, motoQuery, startMoto } from '../support/moto.js';
import { onNode24 } from '../support/node24.js';
import { offline } from '../support/offline-env.js';
import { type ActionStandIn, type GithubContext, type JobContext, checkoutAndNode, runJob } from '../support/workflow-runner.js';
import { zipEntries, zipEntry } from '../support/zip-entries.js';

/**
 * The team workflow of README "Team workflow", as a team runs it, against moto. A developer's
 * sandbox is the first deploy into the fresh account: it bootstraps it, and every function
 * ships as its bundle. Then the CI stack, deployed once with `ci:bootstrap`, and the jobs of
 * preview.yml, deploy.yml and drift.yml run step by step by test/support/workflow-runner.ts
 * (the steps are the project's own scripts, so a workflow that names a missing script fails
 * here), each job's AWS credentials from the role it names, which moto must hold and whose
 * trust policy must admit the subject GitHub would put in that job's OIDC token. ci.yml runs
 * in every generated case (test/support/generated-project.ts). The app is the project's
 * functions (functions-only-app.js: what moto deploys).
 */
const repository = 'octo-org/shop';
const account = '123456789012';
const assetsBucket = `cdk-hnb659fds-assets-${account}-us-east-1`;
const sha = '1f2e3d4c5b6a79880123456789abcdef01234567';

/** The `sub` claim of the OIDC token GitHub gives a job: its environment's, else the pull request's or the branch's. */
function subjectOf(job: JobContext): string {
  if (job.environment) return `repo:${job.github.repository}:environment:${job.environment}`;
  return job.github.event_name === 'pull_request' ? `repo:${job.github.repository}:pull_request` : `repo:${job.github.repository}:ref:${job.github.ref}`;
}

interface TrustStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Condition?: { StringEquals?: Record<string, string> };
}

describe.skipIf(!motoAvailable)('the team workflow, its GitHub jobs run step by step against moto', () => {
  const folder = suiteTempDir('team-workflow');
  let project: string;
  let moto: Moto;
  let env: Record<string, string>;
  let ghLog: string;
  let nodeVersion: string;
  const assumed: { role: string; subject: string }[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    const generated = await runCli(['shop', '--pattern', 'api', '--yes'], { cwd: folder(), env: onNode24(offline) });
    if (generated.exitCode !== 0) throw new Error(generated.all);
    project = join(folder(), 'shop');
    // README "Team workflow", once per repository: the repository the roles trust, the account pinned.
    const configFile = join(project, 'infra', 'config.ts');
    const config = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, config.replace('REPLACE_WITH_OWNER/REPOSITORY', repository).replace("env: { region: 'us-east-1' }", `env: { account: '${account}', region: 'us-east-1' }`));
    writeFileSync(join(project, 'infra', 'app.ts'), functionsOnlyApp());
    // GitHub's CLI, which the preview job comments with: records what it was asked to post.
    const bin = join(folder(), 'bin');
    mkdirSync(bin);
    ghLog = join(bin, 'gh.log');
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\n{ echo "gh $*"; while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cat "$2"; shift; done; } >> "${ghLog}"\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    // A runner's machine: no AWS credentials until a job's credentials step; AWS is moto.
    env = onNode24({ ...offline, AWS_ENDPOINT_URL: moto.endpoint }, `${bin}:${process.env.PATH}`);
    nodeVersion = (await execa('node', ['--version'], { env })).stdout;
  });
  afterAll(() => moto?.stop());

  /** configure-aws-credentials: the role must exist in moto and trust this job's token; then moto's credentials. */
  const awsCredentials: ActionStandIn = async (inputs, job) => {
    if (job.permissions['id-token'] !== 'write') throw new Error('configure-aws-credentials needs permissions: id-token: write to get a token');
    const arn = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@-]+)$/.exec(inputs['role-to-assume'] ?? '');
    if (!arn) throw new Error(`role-to-assume is not a role's ARN: ${JSON.stringify(inputs['role-to-assume'])}`);
    const role = await motoQuery(moto, 'iam', { Action: 'GetRole', RoleName: arn[2]!, Version: '2010-05-08' });
    const trust = JSON.parse(decodeURIComponent(/<AssumeRolePolicyDocument>(.*?)<\/AssumeRolePolicyDocument>/s.exec(role)![1]!)) as { Statement: TrustStatement[] };
    const claims: Record<string, string> = { aud: 'sts.amazonaws.com', sub: subjectOf(job) };
    const admits = trust.Statement.some(({ Effect, Action, Condition }) => {
      const conditions = Object.entries(Condition?.StringEquals ?? {});
      return (
        Effect === 'Allow' &&
        [Action].flat().includes('sts:AssumeRoleWithWebIdentity') &&
        conditions.some(([key]) => key.endsWith(':sub')) &&
        conditions.every(([key, value]) => claims[key.replace('token.actions.githubusercontent.com:', '')] === value)
      );
    });
    if (!admits) throw new Error(`${arn[2]} does not trust a token with sub ${claims.sub}: ${JSON.stringify(trust)}`);
    if (inputs['aws-profile']) throw new Error('one account: the credentials go into the environment, not a profile');
    assumed.push({ role: arn[2]!, subject: claims.sub! });
    return { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: inputs['aws-region']!, AWS_DEFAULT_REGION: inputs['aws-region']! };
  };

  // The setup action's install (npm ci from the lockfile) runs in the first job; later jobs would repeat it as is.
  let installed = false;
  const run = async (file: string, job: string, github: GithubContext, { matrix, skip = {} }: { matrix?: Record<string, string>; skip?: Record<string, string> } = {}) => {
    const done = await runJob(file, job, {
      project,
      env,
      github,
      matrix,
      actions: { ...checkoutAndNode(nodeVersion), 'aws-actions/configure-aws-credentials': awsCredentials },
      skip: { ...(installed && { 'Install dependencies': 'ran in an earlier job, from the same lockfile' }), ...skip },
    });
    installed ||= done.steps.some((step) => step.name === 'Install dependencies' && !step.skipped);
    return done;
  };

  const pullRequest = (action: 'opened' | 'closed', from = repository): GithubContext => ({
    repository,
    event_name: 'pull_request',
    event: { action, number: 7, pull_request: { number: 7, head: { sha, repo: { full_name: from } } } },
    ref: 'refs/pull/7/merge',
    sha,
    token: 'not-a-token',
  });
  const push: GithubContext = { repository, event_name: 'push', event: {}, ref: 'refs/heads/main', sha, token: 'not-a-token' };

  const functionNames = async () =>
    ((await (await motoGet(moto, 'lambda', '/2015-03-31/functions/')).json()) as { Functions: { FunctionName: string }[] }).Functions.map((fn) => fn.FunctionName);
  const functionsOf = async (stack: string) => (await functionNames()).filter((name) => name.startsWith(`${stack}-`));

  /** Each function of the stack runs its bundle (read back from the assets bucket): the handler's module, no node_modules or infra, under 1 MB. */
  const expectBundles = async (stack: string) => {
    const names = await functionsOf(stack);
    expect(names).toHaveLength(5);
    for (const name of names) {
      const { Configuration, Code } = (await (await motoGet(moto, 'lambda', `/2015-03-31/functions/${name}`)).json()) as { Configuration: { Handler: string; CodeSize: number }; Code: { Location: string } };
      const files = zipEntries(Buffer.from(await (await motoGet(moto, 's3', `/${assetsBucket}${new URL(Code.Location).pathname}`)).arrayBuffer()));
      expect(files, name).toContain(`${Configuration.Handler.replace(/\.[^.]+$/, '')}.mjs`);
      expect(files.some((file) => file.startsWith('node_modules/') || file.startsWith('infra/')), name).toBe(false);
      expect(Configuration.CodeSize, name).toBeLessThan(1024 * 1024);
    }
  };

  // A developer's first command in a fresh account: it bootstraps it, as `deploy` does.
  it("npm run sandbox bootstraps the account, deploys the developer's stage as bundles, hot-swaps an edited handler into its function, and Ctrl-C leaves the stage deployed", async () => {
    await execa('git', ['config', 'user.name', 'Ada Lovelace'], { cwd: project });
    // What `npm run sandbox` runs, without npm (which ends by the signal itself); Ctrl-C reaches its whole process group, as in a terminal.
    const [command, ...args] = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: { sandbox: string } }).scripts.sandbox.split(' ');
    const sandbox = execa(command!, [...args, '--yes'], { cwd: project, env: { ...env, ...motoEnv(moto) }, preferLocal: true, all: true, reject: false, detached: true });
    let output = '';
    sandbox.all!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const handler = join(project, 'services', 'items', 'handlers', 'get.ts');
    const original = readFileSync(handler, 'utf8');
    try {
      // The stage deployed, then the watch's own first deploy done: watching.
      await vi.waitFor(() => expect(output).toMatch(/\$ cdk watch shop-sbx-ada-love-functions[\s\S]*Total time/), { timeout: 300_000, interval: 500 });
      expect(output).toContain(`aws://${account}/us-east-1: not bootstrapped`);
      expect(output).toContain(`$ cdk bootstrap aws://${account}/us-east-1 --app cdk.out`);
      await expectBundles('shop-sbx-ada-love-functions');
      const [getFunction] = (await functionsOf('shop-sbx-ada-love-functions')).filter((name) => name.includes('getFunction'));
      const codeSha = async () => ((await (await motoGet(moto, 'lambda', `/2015-03-31/functions/${getFunction}`)).json()) as { Configuration: { CodeSha256: string } }).Configuration.CodeSha256;
      const before = await codeSha();

      writeFileSync(handler, original.replace('not found.', 'not found (edited in the sandbox).'));
      // How fast is measured by `npm run bench`; here, that the edit arrives.
      await vi.waitFor(async () => expect(await codeSha()).not.toBe(before), { timeout: 120_000, interval: 250 });
      // The function now runs the asset the watch uploaded: the one whose hash it has, with the edit in its bundle.
      const after = await codeSha();
      const listing = await (await motoGet(moto, 's3', `/${assetsBucket}?list-type=2`)).text();
      const keys = [...listing.matchAll(/<Key>([^<]+\.zip)<\/Key>/g)].map((match) => match[1]!);
      const zips = await Promise.all(keys.map(async (key) => Buffer.from(await (await motoGet(moto, 's3', `/${assetsBucket}/${key}`)).arrayBuffer())));
      const running = zips.find((zip) => createHash('sha256').update(zip).digest('base64') === after);
      expect(running, 'the new code is an asset of the bucket').toBeDefined();
      expect(zipEntry(running!, 'index.mjs').toString()).toContain('not found (edited in the sandbox).');
    } finally {
      writeFileSync(handler, original);
      process.kill(-sandbox.pid!, 'SIGINT');
    }
    const stopped = await sandbox;
    expect(stopped.exitCode, stopped.all).toBe(0);
    expect(stopped.all).toContain('Stopped watching. Stage sbx-ada-love is still deployed: `serverless-pattern sandbox --destroy` removes it.');
    expect(await functionsOf('shop-sbx-ada-love-functions')).toHaveLength(5);
  });
  it('ci:bootstrap, once with administrator credentials, deploys the roles: one per stage and one for previews, nothing else', async () => {
    const result = await execa('npm', ['run', 'ci:bootstrap', '--', '--repo', repository, '--yes'], { cwd: project, env: { ...env, ...motoEnv(moto) }, all: true, reject: false });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('$ cdk deploy shop-ci --exclusively');
    for (const role of ['shop-ci-dev', 'shop-ci-prod', 'shop-ci-pull-requests']) {
      expect(await motoQuery(moto, 'iam', { Action: 'GetRole', RoleName: role, Version: '2010-05-08' })).toContain(`<Arn>arn:aws:iam::${account}:role/${role}</Arn>`);
    }
    expect(result.all.match(/^\$ cdk deploy \S+/gm)).toEqual(['$ cdk deploy shop-ci']);
  });

  it("preview.yml: a pull request of the repository gets stage pr-7, deployed with the previews' role and commented with its outputs; closing it destroys the stage", async () => {
    const opened = await run('preview.yml', 'deploy', pullRequest('opened'));
    expect(opened.ran).toBe(true);
    // The setup action's install ran (npm ci, from the lockfile), then the project's own scripts.
    expect(opened.steps.map((step) => step.name)).toEqual(expect.arrayContaining(['Install dependencies', "The previews' role (infra/config.ts)", 'Deploy']));
    expect(assumed.at(-1)).toEqual({ role: 'shop-ci-pull-requests', subject: `repo:${repository}:pull_request` });
    await expectBundles('shop-pr-7-functions');
    const comment = readFileSync(ghLog, 'utf8');
    expect(comment).toContain('gh pr comment 7 --body-file preview-comment.md --edit-last --create-if-none');
    expect(comment).toContain(`Preview \`pr-7\` deployed from ${sha}:`);
    // One line per output of the deploy (moto's stacks report no outputs: test/unit/workflows.test.ts renders some).
    const outputs = JSON.parse(readFileSync(join(project, 'cdk.out', 'outputs.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const [stack, values] of Object.entries(outputs)) for (const [key, value] of Object.entries(values)) expect(comment).toContain(`- ${stack} ${key}: ${value}\n`);

    const closed = pullRequest('closed');
    expect((await run('preview.yml', 'deploy', closed)).ran).toBe(false);
    const destroyed = await run('preview.yml', 'destroy', closed);
    expect(destroyed.ran).toBe(true);
    expect(assumed.at(-1)).toEqual({ role: 'shop-ci-pull-requests', subject: `repo:${repository}:pull_request` });
    expect(await functionsOf('shop-pr-7-functions')).toEqual([]);
    const stacks = await motoQuery(moto, 'cloudformation', { Action: 'ListStacks', Version: '2010-05-15' });
    const summary = stacks.split('<member>').find((member) => member.includes('<StackName>shop-pr-7-functions</StackName>'));
    expect(summary).toContain('<StackStatus>DELETE_COMPLETE</StackStatus>');
  });

  it("preview.yml runs no job for a fork's pull request: its code never gets a role", async () => {
    const before = assumed.length;
    for (const action of ['opened', 'closed'] as const) {
      for (const job of ['deploy', 'destroy']) expect((await run('preview.yml', job, pullRequest(action, 'someone/shop'))).ran).toBe(false);
    }
    expect(assumed).toHaveLength(before);
  });

  it("deploy.yml on a push to main: stage dev, then prod, each with its environment's role", async () => {
    for (const stage of ['dev', 'prod']) {
      const job = await run('deploy.yml', stage, push);
      expect(job.ran).toBe(true);
      expect(assumed.at(-1)).toEqual({ role: `shop-ci-${stage}`, subject: `repo:${repository}:environment:${stage}` });
    }
    await expectBundles('shop-dev-functions');
    // prod is the default stage: its names are the app's own.
    await expectBundles('shop-functions');
  });

  it("drift.yml reaches drift detection of a stage with that stage's role", async () => {
    // `npm run drift` itself: packages/toolkit/test/deploy/command.test.ts.
    const drift = await run('drift.yml', 'drift', { ...push, event_name: 'schedule' }, { matrix: { stage: 'dev' }, skip: { Drift: 'moto has no drift detection (DetectStackDrift)' } });
    expect(drift.steps.map(({ name, skipped }) => `${name}${skipped ? ' (skipped)' : ''}`).slice(-2)).toEqual(['AWS credentials', 'Drift (skipped)']);
    expect(assumed.at(-1)).toEqual({ role: 'shop-ci-dev', subject: `repo:${repository}:environment:dev` });
  });

});
