import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteParameterCommand, DescribeParametersCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CfnResource } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metadataKeys } from '../../src/deploy/app-metadata.js';
import { secretsMetadataKey } from '../../src/secrets/declared.js';
import { runSecretCommand } from '../../src/secrets/command.js';
import { stack, synthesize } from '../support/assembly.js';

/**
 * The whole command on a project folder: its cdk.out is a small app synthesized here, whose
 * functions declare secrets; `cdk` is a stand-in that records each call; SSM is mocked.
 */
const env = { account: '111111111111', region: 'eu-west-1' };
const path = '/app/dev/secrets';
const ssm = mockClient(SSMClient);
const lambda = { Code: { ZipFile: 'export const handler = () => {}' }, Role: `arn:aws:iam::${env.account}:role/items`, Handler: 'index.handler', Runtime: 'nodejs24.x' };

let project: string;
let calls: string;
let printed: string[];

function app(declared: Record<string, unknown>[] = [{ path, names: ['PAYMENT_API_KEY'] }, { path, names: ['PAYMENT_API_KEY', 'MAPS_KEY'] }]) {
  synthesize((app) => {
    const items = stack(app, 'app-dev-items', { env });
    items.node.addMetadata(metadataKeys.stage, { name: 'dev' });
    declared.forEach((data, index) => new CfnResource(items, `Function${index}`, { type: 'AWS::Lambda::Function', properties: lambda }).node.addMetadata(secretsMetadataKey, data));
  }, join(project, 'cdk.out'));
}

const run = (stdin: string, ...args: string[]) => runSecretCommand(args, project, Readable.from([stdin]));
const cdkCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
const output = () => printed.join('\n');

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'toolkit-secrets-'));
  const bin = mkdtempSync(join(tmpdir(), 'toolkit-bin-'));
  calls = join(bin, 'calls.log');
  writeFileSync(join(bin, 'cdk'), `#!/bin/sh\necho "$*" >> "${calls}"\n`);
  chmodSync(join(bin, 'cdk'), 0o755);
  vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
  vi.stubEnv('AWS_PROFILE', undefined);
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
  ssm.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('serverless-pattern secret', () => {
  it("set: stores stdin's value as a SecureString under the stage's path, in the region of the functions that read it", async () => {
    app();
    ssm.on(PutParameterCommand).resolves({ Version: 1 });
    expect(await run('s3cr3t\n', 'set', 'PAYMENT_API_KEY', '--stage', 'dev', '--profile', 'team')).toBe(0);
    expect(cdkCalls()).toEqual(['synth --quiet --context stage=dev']);
    expect(ssm.commandCalls(PutParameterCommand).map((call) => call.args[0].input)).toEqual([
      { Name: '/app/dev/secrets/PAYMENT_API_KEY', Value: 's3cr3t', Type: 'SecureString', Overwrite: true },
    ]);
    expect(await ssm.commandCalls(PutParameterCommand)[0]!.thisValue.config.region()).toBe(env.region);
    expect(output()).toContain('/app/dev/secrets/PAYMENT_API_KEY set (SecureString)');
    expect(output()).not.toContain('s3cr3t');
  });

  it('list: every declared name and every stored one, with when it last changed, never a value', async () => {
    app();
    ssm.on(DescribeParametersCommand).resolves({
      Parameters: [
        { Name: '/app/dev/secrets/PAYMENT_API_KEY', LastModifiedDate: new Date('2026-01-02T03:04:05Z') },
        { Name: '/app/dev/secrets/OLD_KEY', LastModifiedDate: new Date('2025-12-01T00:00:00Z') },
      ],
    });
    expect(await run('', 'list')).toBe(0);
    expect(ssm.commandCalls(DescribeParametersCommand)[0]!.args[0].input).toEqual({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: [path] }] });
    expect(output()).toContain(
      [
        '/app/dev/secrets:',
        '  MAPS_KEY                  not set',
        '  OLD_KEY                   set 2025-12-01T00:00:00.000Z (no function declares it)',
        '  PAYMENT_API_KEY           set 2026-01-02T03:04:05.000Z',
      ].join('\n'),
    );
  });

  it('remove: deletes the parameter; one that is not set is a one-line error', async () => {
    app();
    ssm.on(DeleteParameterCommand).resolves({});
    expect(await run('', 'remove', 'OLD_KEY')).toBe(0);
    expect(ssm.commandCalls(DeleteParameterCommand)[0]!.args[0].input).toEqual({ Name: '/app/dev/secrets/OLD_KEY' });
    ssm.on(DeleteParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    expect(await run('', 'remove', 'MAPS_KEY')).toBe(1);
    expect(printed.at(-1)).toBe('error: /app/dev/secrets/MAPS_KEY is not set');
  });

  it.each([
    [['set'], 'error: secret set needs a NAME: usage: serverless-pattern secret set|remove <NAME> | list [--stage name] [--profile name]'],
    [['get', 'A'], 'error: unknown action "get": usage: serverless-pattern secret set|remove <NAME> | list [--stage name] [--profile name]'],
    [['set', 'payment-key'], 'error: secret name "payment-key": use upper-case letters, digits and underscores, starting with a letter (e.g. PAYMENT_API_KEY)'],
    [['set', 'PAYMENT_API_KEY', 's3cr3t'], 'error: unexpected argument "s3cr3t": set reads the value from stdin'],
    [['list', '--stage'], "error: Option '--stage <value>' argument missing: usage: serverless-pattern secret set|remove <NAME> | list [--stage name] [--profile name]"],
  ])('refuses bad usage with exit 2 and one line, before synthesizing: %j', async (args, error) => {
    app();
    expect(await run('value', ...args)).toBe(2);
    expect(output()).toBe(error);
    expect(cdkCalls()).toEqual([]);
  });

  it('refuses a name no function declares, an empty value, and an app with no secret, with exit 2 and nothing stored', async () => {
    app();
    expect(await run('value', 'set', 'MAPS_KY')).toBe(2);
    expect(printed.at(-1)).toBe('error: no function declares MAPS_KY: declared are PAYMENT_API_KEY, MAPS_KEY');
    expect(await run('\n', 'set', 'MAPS_KEY')).toBe(2);
    expect(printed.at(-1)).toBe('error: no value for MAPS_KEY on stdin: e.g. pbpaste | serverless-pattern secret set MAPS_KEY');
    app([]);
    expect(await run('', 'list')).toBe(2);
    expect(printed.at(-1)).toBe("error: no function of stage dev declares a secret: declare it first (serverless-pattern:secrets; in a generated project, ServiceFunction's `secrets`)");
    expect(ssm.commandCalls(PutParameterCommand)).toEqual([]);
  });

  it('refuses metadata it cannot read, naming the function', async () => {
    app([{ path: 'app/dev', names: ['A'] }]);
    expect(await run('', 'list')).toBe(1);
    expect(printed.at(-1)).toBe('error: /app-dev-items/Function0: serverless-pattern:secrets must be { path: "/<app>/<stage>/secrets", names: ["NAME", ...] }, not {"path":"app/dev","names":["A"]}');
  });
});
