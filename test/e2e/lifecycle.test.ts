import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, suiteTempDir } from '../support/cli.js';
import { type Moto, motoAvailable, motoEnv, startMoto } from '../support/moto.js';
import { onNode24 } from '../support/node24.js';

/**
 * Deploy, destroy, deploy again, with the real `cdk` against moto (an AWS API emulator on
 * loopback). moto's CloudFormation skips what it does not emulate (CloudFront among others)
 * and cannot yet create a REST API's deployment before its methods, so this drives the
 * site stack of a `spa` project: it proves the deploy script's path (synthesize, plan from
 * the assembly, bootstrap checked up front, `cdk` on that assembly, what destroy keeps with
 * its real names), not every resource.
 */
const account = '123456789012';

describe.skipIf(!motoAvailable)('a generated spa project against moto', () => {
  const folder = suiteTempDir('lifecycle');
  let project: string;
  let moto: Moto | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    const generated = await runCli(['shop', '--pattern', 'spa', '--yes', '--no-git'], { cwd: folder(), env: onNode24({ npm_config_prefer_offline: 'true' }) });
    if (generated.exitCode !== 0) throw new Error(generated.all);
    project = join(folder(), 'shop');
  });
  afterAll(() => {
    moto?.stop();
  });

  // The toolkit itself, as `npm run deploy` runs it after the build (the SPA's build is not what is tested here).
  const run = (...args: string[]) =>
    execa('node_modules/.bin/serverless-pattern', [...args, '--yes'], {
      cwd: project,
      all: true,
      reject: false,
      env: {
        PATH: onNode24({}, `${join(project, 'node_modules', '.bin')}:${process.env.PATH}`).PATH,
        ...motoEnv(moto!),
        NO_COLOR: '1',
      },
    });
  const ok = (result: { exitCode?: number; all?: string }) => {
    if (result.exitCode !== 0) throw new Error(result.all);
    return result.all!;
  };
  const accessLogBucket = (output: string) => /aws s3 rb s3:\/\/(shop-site-accesslogs[a-z0-9-]+) --force --region us-east-1/.exec(output)?.[1];

  let firstBucket: string | undefined;

  it('deploys one stack: bootstraps first, after checking every environment, then deploys the synthesized assembly', async () => {
    const output = ok(await run('deploy', 'site'));
    expect(output).toContain('$ cdk synth --quiet');
    expect(output).toContain(`Not ready for the CDK:\n  aws://${account}/us-east-1: not bootstrapped`);
    const bootstrap = output.indexOf(`$ cdk bootstrap aws://${account}/us-east-1 --app cdk.out`);
    const deploy = output.indexOf('$ cdk deploy shop-site --exclusively --app cdk.out --require-approval never');
    expect(bootstrap).toBeGreaterThan(0);
    expect(deploy).toBeGreaterThan(bootstrap);
    expect(output).toMatch(/✅ {2}shop-site/);
  });

  it('destroys it with the stacks that read from it, listing what it keeps by its real name', async () => {
    const output = ok(await run('destroy', 'site'));
    // The edge's alarms read the distribution's id: they go first.
    expect(output).toContain('destroy plan:\n  shop-site-content, shop-items, shop-edge, shop-site →');
    expect(output).toContain('It keeps:');
    expect(output).toContain('\n  S3 bucket: shop-site/AccessLogs\n');
    expect(output).toContain('$ cdk destroy shop-site-content shop-items shop-edge shop-site --exclusively --app cdk.out --force');
    expect(output).toMatch(/✅ {2}shop-site: destroyed/);
    const kept = output.slice(output.indexOf('Kept (delete each when you no longer need it):'));
    firstBucket = accessLogBucket(kept);
    expect(firstBucket).toBeDefined();
    expect(kept).toMatch(/aws logs delete-log-group --log-group-name \/aws\/lambda\/shop-site-CustomS3AutoDeleteObjects\S+ --region us-east-1/);
  });

  it('deploys again: already bootstrapped, and nothing destroy kept is in the way', async () => {
    const output = ok(await run('deploy', 'site'));
    expect(output).not.toContain('$ cdk bootstrap');
    expect(output).toMatch(/✅ {2}shop-site/);
    // A new access-log bucket beside the kept one: it has no fixed name.
    const again = accessLogBucket(ok(await run('destroy', 'site')));
    expect(again).toBeDefined();
    expect(again).not.toBe(firstBucket);
  });

  it('deploys a second stage beside it (--stage dev): stacks and names of its own, then destroys it', async () => {
    const output = ok(await run('deploy', 'site', '--stage', 'dev'));
    expect(output).toContain('$ cdk synth --quiet --context stage=dev');
    expect(output).toContain('$ cdk deploy shop-dev-site --exclusively --app cdk.out');
    expect(output).toMatch(/✅ {2}shop-dev-site/);
    expect(output).not.toMatch(/✅ {2}shop-site\b/);
    const destroyed = ok(await run('destroy', 'site', '--stage', 'dev'));
    expect(destroyed).toContain('destroy plan:\n  shop-dev-site-content, shop-dev-items, shop-dev-edge, shop-dev-site →');
    expect(destroyed).toMatch(/✅ {2}shop-dev-site: destroyed/);
  });

  it('refuses a stage name that cannot be part of its names, before anything deploys', async () => {
    // The app refuses it while it is synthesized; the toolkit stops there.
    const result = await run('deploy', '--stage', 'Prod_2');
    expect(result.exitCode).toBe(1);
    expect(result.all).toContain('stage "Prod_2": use up to 12 lowercase letters, digits and hyphens, starting with a letter (e.g. dev, prod, pr-42)');
    expect(result.all).toMatch(/error: cdk synth failed with exit code \d+$/);
    expect(result.all).not.toContain('$ cdk deploy');
  });
});
