import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ciRolesMetadata } from '../../src/ci/ci-roles.js';
import { ciRole } from '../../src/ci/ci-role-command.js';
import { deployedByItsOwnCommandTag } from '../../src/deploy/app-metadata.js';
import { stack, synthesize } from '../support/assembly.js';
import { capturedOutput, standInCdk } from '../support/stand-in-cdk.js';

/**
 * `serverless-pattern ci-role <stage>` on a project whose cdk.out holds a CI stack (tagged
 * ci-bootstrap-only) that records its roles the way a generated app's infra/ci.ts does: a
 * project without cdk.json, synthesized by `cdk` (a stand-in here), or an app it builds itself.
 */
const arn = (stage: string) => `arn:aws:iam::111111111111:role/app-ci-${stage}`;
const table = {
  prod: [{ name: 'default', roleArn: arn('prod'), region: 'eu-west-1', profile: 'prod' }],
  dev: [{ name: 'default', roleArn: arn('dev'), region: 'eu-west-1' }],
  '*': [{ name: 'default', roleArn: arn('pull-requests'), region: 'eu-west-1' }],
};

let project: string;
let cdk: ReturnType<typeof standInCdk>;
let printed: string[];

function app(roles: object = table) {
  synthesize((app) => {
    stack(app, 'app-items');
    const ci = stack(app, 'app-ci', { tags: { [deployedByItsOwnCommandTag]: 'ci-bootstrap-only' } });
    ci.node.addMetadata(ciRolesMetadata, roles);
  }, join(project, 'cdk.out'));
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'toolkit-project-'));
  cdk = standInCdk();
  vi.stubEnv('GITHUB_OUTPUT', join(project, 'github-output'));
  writeFileSync(join(project, 'github-output'), '');
  printed = capturedOutput();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('serverless-pattern ci-role', () => {
  it("synthesizes the stage and writes its role, region and profile to the job's outputs", async () => {
    app();
    expect(await ciRole(['prod'], project)).toBe(0);
    expect(cdk.calls()).toEqual(['synth --quiet --context stage=prod']);
    expect(readFileSync(join(project, 'github-output'), 'utf8')).toBe(`role=${arn('prod')}\nregion=eu-west-1\nprofile=prod\n`);
  });

  it('builds an app cdk.json runs with node in this process, bundling nothing and without the cdk CLI', async () => {
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(project, 'cdk.json'), '{ "app": "node app.mjs" }\n');
    // The toolkit's own aws-cdk-lib (a dev dependency), as the project's.
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json')), join(project, 'node_modules', 'aws-cdk-lib'));
    writeFileSync(
      join(project, 'app.mjs'),
      [
        "import { App, CfnWaitConditionHandle, DockerImage, Stack } from 'aws-cdk-lib';",
        "import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';",
        'const app = new App();',
        "const stage = app.node.tryGetContext('stage');",
        "const items = new Stack(app, `app-${stage}-items`);",
        '// Bundling it would fail: ci-role must not.',
        "new Function(items, 'Handler', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromAsset('.', { bundling: { image: DockerImage.fromRegistry('none'), local: { tryBundle() { throw new Error('bundled'); } } } }) });",
        `const ci = new Stack(app, 'app-ci', { tags: { '${deployedByItsOwnCommandTag}': 'ci-bootstrap-only' } });`,
        "new CfnWaitConditionHandle(ci, 'Roles');",
        `ci.node.addMetadata('${ciRolesMetadata}', { [stage]: [{ name: 'default', roleArn: \`arn:aws:iam::111111111111:role/app-ci-\${stage}\`, region: 'eu-west-1' }] });`,
        'app.synth();',
      ].join('\n'),
    );
    expect(await ciRole(['dev'], project), printed.join('\n')).toBe(0);
    expect(cdk.calls()).toEqual([]);
    expect(readFileSync(join(project, 'github-output'), 'utf8')).toBe(`role=${arn('dev')}\nregion=eu-west-1\nprofile=\n`);
  });

  it("gives a stage the app does not list (a preview) the previews' role", async () => {
    app();
    expect(await ciRole(['--', 'pr-7'], project)).toBe(0);
    expect(readFileSync(join(project, 'github-output'), 'utf8')).toBe(`role=${arn('pull-requests')}\nregion=eu-west-1\nprofile=\n`);
  });

  it('names each service account by its service with one account per service', async () => {
    app({ dev: [{ name: 'items', roleArn: arn('dev'), region: 'eu-west-1', profile: 'items' }, { name: 'orders', roleArn: arn('dev'), region: 'us-east-1', profile: 'orders' }] });
    expect(await ciRole(['dev'], project)).toBe(0);
    expect(printed.at(-1)).toBe(
      [`items-role=${arn('dev')}`, 'items-region=eu-west-1', 'items-profile=items', `orders-role=${arn('dev')}`, 'orders-region=us-east-1', 'orders-profile=orders'].join('\n'),
    );
  });

  it("fails with the app's own reason when a stage's role cannot be known yet", async () => {
    app({ ...table, dev: { error: 'infra/config.ts names no account for stage dev: set env.account' } });
    expect(await ciRole(['dev'], project)).toBe(1);
    expect(printed.at(-1)).toBe('error: infra/config.ts names no account for stage dev: set env.account');
  });

  it('fails when no stack records CI roles', async () => {
    synthesize((app) => void stack(app, 'app-items'), join(project, 'cdk.out'));
    expect(await ciRole(['dev'], project)).toBe(1);
    expect(printed.at(-1)).toBe(`error: No stack of the app records its CI roles (${ciRolesMetadata} on a stack tagged serverless-pattern:deploy=ci-bootstrap-only)`);
  });

  it('exits 2 unless given exactly one stage, before anything runs', async () => {
    for (const args of [[], ['dev', 'prod'], ['--stage']]) expect(await ciRole(args, project), args.join(' ')).toBe(2);
    expect(printed).toEqual(Array(3).fill('error: name one stage: usage: serverless-pattern ci-role <stage>'));
    expect(cdk.calls()).toEqual([]);
  });
});
