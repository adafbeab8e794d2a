import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metadataKeys } from '../../src/deploy/app-metadata.js';
import { sandbox } from '../../src/sandbox/command.js';
import { stack, synthesize } from '../support/assembly.js';
import { capturedOutput, standInCdk } from '../support/stand-in-cdk.js';

/**
 * `serverless-pattern sandbox` in a git repository whose user is Ada Lovelace, on a stand-in
 * `cdk` (whose `watch` runs until interrupted) and mocked AWS (bootstrapped, one account).
 */
const env = { account: '111111111111', region: 'eu-west-1' };
const sts = mockClient(STSClient);
const cloudformation = mockClient(CloudFormationClient);

let project: string;
let cdk: ReturnType<typeof standInCdk>;
let printed: string[];

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'toolkit-project-'));
  execFileSync('git', ['init', '-q'], { cwd: project });
  execFileSync('git', ['config', 'user.name', 'Ada Lovelace'], { cwd: project });
  synthesize((app) => {
    const items = stack(app, 'shop-sbx-ada-love-items', { env });
    const auth = stack(app, 'shop-sbx-ada-love-auth', { env });
    items.addStackDependency(auth);
    for (const each of [items, auth]) each.node.addMetadata(metadataKeys.stage, { name: 'sbx-ada-love', listed: false });
  }, join(project, 'cdk.out'));
  cdk = standInCdk({});
  vi.stubEnv('AWS_PROFILE', undefined);
  printed = capturedOutput();
  sts.reset();
  cloudformation.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: env.account, Arn: `arn:aws:iam::${env.account}:user/ada` });
  cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] });
  cloudformation.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('serverless-pattern sandbox', () => {
  it("deploys the developer's stage as deploy does, then watches its stacks with hotswap; Ctrl-C stops the watch and leaves the stage", async () => {
    const running = sandbox(['--profile', 'ada'], project);
    await vi.waitFor(() => expect(cdk.calls().at(-1)).toMatch(/^watch /), { timeout: 20_000, interval: 100 });
    process.emit('SIGINT');
    expect(await running).toBe(0);
    expect(cdk.calls()).toEqual([
      'synth --quiet --context stage=sbx-ada-love',
      `deploy shop-sbx-ada-love-auth shop-sbx-ada-love-items --exclusively --app cdk.out --profile ada --require-approval broadening --outputs-file cdk.out/outputs-${env.account}-${env.region}.json`,
      'watch shop-sbx-ada-love-auth shop-sbx-ada-love-items --exclusively --hotswap-fallback --context stage=sbx-ada-love --profile ada',
    ]);
    expect(printed.at(-1)).toBe('\nStopped watching. Stage sbx-ada-love is still deployed: `serverless-pattern sandbox --destroy` removes it.');
  });

  it('--destroy destroys the stage as destroy --stage does, and watches nothing', async () => {
    expect(await sandbox(['--destroy', '--yes'], project)).toBe(0);
    expect(cdk.calls()).toEqual(['synth --quiet --context stage=sbx-ada-love', 'destroy shop-sbx-ada-love-items shop-sbx-ada-love-auth --exclusively --app cdk.out --force']);
  });

  it('exits 2 for bad usage, before anything runs', async () => {
    expect(await sandbox(['--stage', 'prod'], project)).toBe(2);
    expect(printed.at(-1)).toMatch(/^error: .+: usage: serverless-pattern sandbox \[--destroy\] \[--profile name\] \[--yes\]$/);
    expect(cdk.calls()).toEqual([]);
  });
});
