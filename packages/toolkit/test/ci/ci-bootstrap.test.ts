import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CfnResource } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ciBootstrap } from '../../src/ci/ci-bootstrap-command.js';
import { deployedByItsOwnCommandTag, metadataKeys } from '../../src/deploy/app-metadata.js';
import { stack, synthesize } from '../support/assembly.js';
import { capturedOutput, standInCdk } from '../support/stand-in-cdk.js';

/**
 * `serverless-pattern ci-bootstrap` on a project whose cdk.out holds the app's stacks and its
 * CI stacks (tagged ci-bootstrap-only), one per account with a profile of its own; AWS is
 * mocked: the credentials are for the account asked, which is bootstrapped.
 */
const accounts = { items: '111111111111', orders: '222222222222' };
const sts = mockClient(STSClient);
const cloudformation = mockClient(CloudFormationClient);

let project: string;
let cdk: ReturnType<typeof standInCdk>;
let printed: string[];

function app({ repository = 'octo-org/shop' } = {}) {
  synthesize((app) => {
    stack(app, 'shop-items', { env: { account: accounts.items, region: 'eu-west-1' } });
    for (const [service, account] of Object.entries(accounts)) {
      const ci = stack(app, `shop-ci-${account}`, { env: { account, region: 'eu-west-1' }, tags: { [deployedByItsOwnCommandTag]: 'ci-bootstrap-only' } });
      ci.node.addMetadata(metadataKeys.profile, service);
      new CfnResource(ci, 'Role', { type: 'AWS::IAM::Role', properties: { Description: `trusts repo:${repository}:environment:dev` } });
    }
  }, join(project, 'cdk.out'));
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'toolkit-project-'));
  cdk = standInCdk({ 'shop-ci': { RoleArnDev: 'arn:aws:iam::111111111111:role/shop-ci-dev' } });
  vi.stubEnv('AWS_PROFILE', undefined);
  printed = capturedOutput();
  sts.reset();
  cloudformation.reset();
  // Each profile is its account's credentials.
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const account = accounts[(getClient() as STSClient).config.profile as keyof typeof accounts];
    return { Account: account, Arn: `arn:aws:iam::${account}:user/admin` };
  });
  cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('serverless-pattern ci-bootstrap', () => {
  it('passes --repo to the app and deploys only the CI stacks, each account with its own profile', async () => {
    app();
    expect(await ciBootstrap(['--repo', 'octo-org/shop', '--yes'], project)).toBe(0);
    expect(cdk.calls()).toEqual([
      'synth --quiet --context serverless-pattern:ci-repository=octo-org/shop',
      `deploy shop-ci-${accounts.items} --exclusively --app cdk.out --profile items --require-approval never --outputs-file cdk.out/outputs-ci-${accounts.items}-eu-west-1.json`,
      `deploy shop-ci-${accounts.orders} --exclusively --app cdk.out --profile orders --require-approval never --outputs-file cdk.out/outputs-ci-${accounts.orders}-eu-west-1.json`,
    ]);
    expect(printed).toContain(`  shop-ci-${accounts.items}: as arn:aws:iam::${accounts.items}:user/admin`);
    expect(printed).toContain('  shop-ci.RoleArnDev = arn:aws:iam::111111111111:role/shop-ci-dev');
  });

  it("refuses credentials of another account than a CI stack's, before anything deploys", async () => {
    app();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '333333333333', Arn: 'arn:aws:iam::333333333333:user/admin' });
    expect(await ciBootstrap(['--repo', 'octo-org/shop'], project)).toBe(1);
    expect(printed.at(-1)).toBe(`error: The credentials are for account 333333333333, but shop-ci-${accounts.items} deploy to ${accounts.items}: use that account's profile (--profile)`);
    expect(cdk.calls()).toEqual(['synth --quiet --context serverless-pattern:ci-repository=octo-org/shop']);
  });

  it('refuses, by name, a repository still the placeholder when no --repo is given (exit 2)', async () => {
    app({ repository: 'REPLACE_WITH_OWNER/REPOSITORY' });
    expect(await ciBootstrap([], project)).toBe(2);
    expect(printed.at(-1)).toBe(
      `error: The app still has REPLACE_WITH_OWNER (in shop-ci-${accounts.items}, shop-ci-${accounts.orders}): fill in the real value first, or pass --repo <owner/name>`,
    );
    expect(cdk.calls()).toEqual(['synth --quiet']);
  });

  it('exits 2 for a --repo that is not owner/name, before anything runs', async () => {
    for (const repo of ['shop', 'octo-org/', '/shop', 'octo org/shop', 'a/b/c', 'https://github.com/octo-org/shop']) {
      expect(await ciBootstrap(['--repo', repo], project), repo).toBe(2);
      expect(printed.at(-1)).toBe(`error: --repo must be a GitHub repository as owner/name (e.g. octo-org/my-app), not ${JSON.stringify(repo)}`);
    }
    expect(await ciBootstrap(['--bogus'], project)).toBe(2);
    expect(cdk.calls()).toEqual([]);
  });
});
