import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CfnResource, RemovalPolicy } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metadataKeys, sharedByStagesTag } from '../../src/deploy/app-metadata.js';
import type { DeployCommand } from '../../src/deploy/arguments.js';
import { runDeployCommand } from '../../src/deploy/command.js';
import { stack, synthesize } from '../support/assembly.js';

/**
 * The whole command on a project folder: its cdk.out is synthesized here from a small app,
 * `cdk` is a stand-in that records each call (and writes the outputs file a deploy asks for),
 * and AWS is mocked: this account has credentials and has never been bootstrapped.
 */
const env = { account: '111111111111', region: 'eu-west-1' };
const sts = mockClient(STSClient);
const cloudformation = mockClient(CloudFormationClient);

let project: string;
let calls: string;
let printed: string[];

function app({ placeholder = false } = {}) {
  synthesize((app) => {
    const auth = stack(app, 'app-auth', { env });
    const items = stack(app, 'app-items', { env });
    const shared = stack(app, 'app-api-gateway', { env, tags: { [sharedByStagesTag]: 'true' }, description: "app: API Gateway's CloudWatch Logs role" });
    new CfnResource(items, 'Bucket', { type: 'AWS::S3::Bucket' }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    if (placeholder) new CfnResource(auth, 'Record', { type: 'AWS::Route53::RecordSet', properties: { HostedZoneId: 'REPLACE_WITH_HOSTED_ZONE_ID', Name: 'app.example.com', Type: 'A' } });
    items.addStackDependency(auth);
    items.addStackDependency(shared);
    for (const each of [auth, items, shared]) each.node.addMetadata(metadataKeys.stage, { name: 'prod' });
  }, join(project, 'cdk.out'));
}

const run = (...args: string[]) => runDeployCommand(args[0] as DeployCommand, args.slice(1), project);
const cdkCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
const output = () => printed.join('\n');

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'toolkit-project-'));
  const bin = mkdtempSync(join(tmpdir(), 'toolkit-bin-'));
  calls = join(bin, 'calls.log');
  writeFileSync(
    join(bin, 'cdk'),
    [
      '#!/bin/sh',
      `echo "$*" >> "${calls}"`,
      // drift: what the test gives it to print, and its exit code.
      '[ "$1" = drift ] && { printf "%b" "$DRIFT_OUTPUT"; exit "${DRIFT_STATUS:-0}"; }',
      'while [ $# -gt 0 ]; do [ "$1" = "--outputs-file" ] && echo \'{"app-items":{"ApiUrl":"https://api.example.com/"}}\' > "$2"; shift; done',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'cdk'), 0o755);
  vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_REGION', undefined);
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
  sts.reset();
  cloudformation.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: env.account, Arn: `arn:aws:iam::${env.account}:user/dev` });
  cloudformation.on(DescribeStacksCommand).rejects(new Error('Stack with id CDKToolkit does not exist'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('serverless-pattern deploy', () => {
  it("synthesizes once for the app's own default stage, bootstraps, then deploys the assembly in order and collects the outputs", async () => {
    app();
    expect(await run('deploy', '--yes', '--profile', 'team')).toBe(0);
    expect(cdkCalls()).toEqual([
      'synth --quiet',
      `bootstrap aws://${env.account}/${env.region} --app cdk.out --profile team`,
      `deploy app-api-gateway app-auth app-items --exclusively --app cdk.out --profile team --require-approval never --outputs-file cdk.out/outputs-${env.account}-${env.region}.json`,
    ]);
    expect(output()).toContain('Stage prod\ndeploy plan:\n  app-api-gateway, app-auth, app-items → 111111111111, eu-west-1, profile team');
    expect(JSON.parse(readFileSync(join(project, 'cdk.out', 'outputs.json'), 'utf8'))).toEqual({ 'app-items': { ApiUrl: 'https://api.example.com/' } });
    expect(output()).toContain('  app-items.ApiUrl = https://api.example.com/');
  });

  it('passes --stage to the app as the context value stage', async () => {
    app();
    expect(await run('diff', '--stage', 'dev')).toBe(0);
    expect(cdkCalls()).toEqual(['synth --quiet --context stage=dev', 'diff app-api-gateway app-auth app-items --exclusively --app cdk.out']);
  });

  it('refuses a placeholder left in a stack it would deploy, by name, before anything changes', async () => {
    app({ placeholder: true });
    expect(await run('deploy', '--yes')).toBe(1);
    expect(printed.at(-1)).toBe('error: The app still has REPLACE_WITH_HOSTED_ZONE_ID (in app-auth): fill in the real value first');
    expect(cdkCalls()).toEqual(['synth --quiet']);
  });

  it("refuses credentials of another account than the stacks', before anything changes", async () => {
    app();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '222222222222', Arn: 'arn:aws:iam::222222222222:user/dev' });
    expect(await run('deploy', '--yes')).toBe(1);
    expect(printed.at(-1)).toBe("error: The credentials are for account 222222222222, but app-api-gateway, app-auth, app-items deploy to 111111111111: use that account's profile (--profile)");
    expect(cdkCalls()).toEqual(['synth --quiet']);
  });

  it('stops without a terminal or --yes when an environment is not bootstrapped, printing the command', async () => {
    app();
    expect(await run('deploy')).toBe(1);
    expect(printed.at(-1)).toBe(`error: Not bootstrapped for the CDK: run \`npx cdk bootstrap aws://${env.account}/${env.region}\` first`);
    expect(cdkCalls()).toEqual(['synth --quiet']);
  });
});

describe('serverless-pattern drift', () => {
  const drift = (status: number, report: string) => {
    vi.stubEnv('DRIFT_STATUS', String(status));
    vi.stubEnv('DRIFT_OUTPUT', report);
    return run('drift', '--profile', 'team');
  };

  it("passes when cdk drift's summary counts no drifted resource", async () => {
    app();
    expect(await drift(0, 'Stack app-items\\nNo drift detected\\n\\n✨  Number of resources with drift: 0\\n')).toBe(0);
    expect(cdkCalls().at(-1)).toBe('drift app-api-gateway app-auth app-items --app cdk.out --fail --profile team');
  });

  it('fails naming the stacks when resources drifted', async () => {
    app();
    expect(await drift(1, '✨  Number of resources with drift: 2\\n')).toBe(1);
    expect(printed.at(-1)).toBe('error: Drift: app-api-gateway, app-auth, app-items changed outside the app (see above)');
  });

  it('says the detection failed, not that anything drifted, when cdk drift fails before its summary or cannot check a stack', async () => {
    app();
    expect(await drift(1, '@aws-sdk XML parse error: mismatched tags\\n')).toBe(1);
    expect(printed.at(-1)).toBe('error: Drift detection failed for app-api-gateway, app-auth, app-items (see above)');
    expect(await drift(0, '✨  Number of resources with drift: 0\\n⚠️  Failed to check drift for 1 stack(s). Check log for more details.\\n')).toBe(1);
    expect(printed.at(-1)).toBe('error: Drift detection failed for app-api-gateway, app-auth, app-items (see above)');
  });
});

describe('serverless-pattern destroy', () => {
  it('destroys in reverse order, leaves the stack every stage shares, and lists what it kept by its real name', async () => {
    app();
    cloudformation
      .on(ListStackResourcesCommand, { StackName: 'app-items' })
      .resolvesOnce({ StackResourceSummaries: [{ LogicalResourceId: 'Bucket', PhysicalResourceId: 'app-items-bucket-1a2b', ResourceType: 'AWS::S3::Bucket', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }] })
      .rejects(new Error('Stack with id app-items does not exist'));
    cloudformation.on(ListStackResourcesCommand, { StackName: 'app-auth' }).rejects(new Error('Stack with id app-auth does not exist'));
    expect(await run('destroy', '--yes')).toBe(0);
    expect(cdkCalls()).toEqual(['synth --quiet', 'destroy app-items app-auth --exclusively --app cdk.out --force']);
    expect(output()).toContain('It keeps:\n  S3 bucket: app-items/Bucket');
    expect(output()).toContain(
      "It leaves app-api-gateway (app: API Gateway's CloudWatch Logs role): every stage in its account and region shares it (tagged shared-by-stages).\n  Once no stage is left there: aws cloudformation delete-stack --stack-name app-api-gateway --region eu-west-1",
    );
    expect(output()).toContain('Kept (delete each when you no longer need it):\n  S3 bucket: app-items/Bucket\n    aws s3 rb s3://app-items-bucket-1a2b --force --region eu-west-1');
  });
});

describe('bad usage', () => {
  it('exits 2 with one line that shows the usage, before anything runs', async () => {
    for (const args of [['deploy', '--bogus'], ['destroy', '--stage'], ['diff', '--profile=']]) {
      printed = [];
      expect(await run(...args), args.join(' ')).toBe(2);
      expect(printed, args.join(' ')).toHaveLength(1);
      expect(printed[0]).toMatch(new RegExp(`^error: .+: usage: serverless-pattern ${args[0]} \\[stack\\.\\.\\.\\] \\[--stage name\\] \\[--profile name\\] \\[--yes\\]$`));
    }
    expect(cdkCalls()).toEqual([]);
  });

  it('exits 2 for a stack the app does not have, naming the ones it has', async () => {
    app();
    expect(await run('deploy', 'nope')).toBe(2);
    expect(printed.at(-1)).toBe('error: No stack named nope; stacks: app-api-gateway, app-auth, app-items');
  });
});
