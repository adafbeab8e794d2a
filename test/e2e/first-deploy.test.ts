import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, suiteTempDir } from '../support/cli.js';
import { functionsOnlyApp } from '../support/functions-only-app.js';
import { type Moto, motoAvailable, motoEnv, motoGet, startMoto } from '../support/moto.js';
import { onNode24 } from '../support/node24.js';
import { zipEntries } from '../support/zip-entries.js';

/**
 * The first `npm run deploy` into an account that is not bootstrapped yet, as a new user runs
 * it, against moto: the functions that reach Lambda must be their bundles, in every stage.
 * The app deployed is the project's functions alone (functions-only-app.ts: what moto deploys).
 */
const account = '123456789012';
const assetsBucket = `cdk-hnb659fds-assets-${account}-us-east-1`;

interface DeployedFunction {
  readonly name: string;
  readonly handler: string;
  readonly codeSize: number;
  readonly files: readonly string[];
}

describe.skipIf(!motoAvailable)('the first deploy into an account that is not bootstrapped', () => {
  const folder = suiteTempDir('first-deploy');
  let project: string;
  let moto: Moto;

  beforeAll(async () => {
    moto = await startMoto();
    const generated = await runCli(['shop', '--pattern', 'api', '--yes', '--no-git'], { cwd: folder(), env: onNode24({ npm_config_prefer_offline: 'true' }) });
    if (generated.exitCode !== 0) throw new Error(generated.all);
    project = join(folder(), 'shop');
    writeFileSync(join(project, 'infra/app.ts'), functionsOnlyApp());
  });
  afterAll(() => moto?.stop());
  // Each test starts from an account with nothing in it: no CDKToolkit stack.
  beforeEach(() => moto.reset());

  const deploy = async (...args: string[]) => {
    const result = await execa('npm', ['run', 'deploy', '--', ...args, '--yes'], {
      cwd: project,
      all: true,
      reject: false,
      env: onNode24({ ...motoEnv(moto), NO_COLOR: '1', npm_config_update_notifier: 'false' }),
    });
    if (result.exitCode !== 0) throw new Error(result.all);
    return result.all;
  };

  /** Every function in moto, with the files of the code package it runs (read back from the assets bucket). */
  const deployedFunctions = async (): Promise<DeployedFunction[]> => {
    const { Functions } = (await (await motoGet(moto, 'lambda', '/2015-03-31/functions/')).json()) as { Functions: { FunctionName: string }[] };
    return Promise.all(
      Functions.map(async ({ FunctionName }) => {
        const { Configuration, Code } = (await (await motoGet(moto, 'lambda', `/2015-03-31/functions/${FunctionName}`)).json()) as {
          Configuration: { Handler: string; CodeSize: number };
          Code: { Location: string };
        };
        const key = new URL(Code.Location).pathname.slice(1);
        const zip = Buffer.from(await (await motoGet(moto, 's3', `/${assetsBucket}/${key}`)).arrayBuffer());
        return { name: FunctionName, handler: Configuration.Handler, codeSize: Configuration.CodeSize, files: zipEntries(zip) };
      }),
    );
  };

  const expectBundles = (functions: readonly DeployedFunction[]) => {
    for (const fn of functions) {
      const module = fn.handler.replace(/\.[^.]+$/, '');
      expect(fn.files, fn.name).toContain(`${module}.mjs`);
      expect(fn.files.some((file) => file.startsWith('node_modules/') || file.startsWith('infra/')), fn.name).toBe(false);
      expect(fn.codeSize, fn.name).toBeLessThan(1024 * 1024);
    }
  };

  it('bootstraps, then deploys each function as its bundle', async () => {
    const output = await deploy();
    expect(output).toContain(`aws://${account}/us-east-1: not bootstrapped`);
    expect(output).toContain(`$ cdk bootstrap aws://${account}/us-east-1 --app cdk.out`);
    expect(output).toMatch(/✅ {2}shop-functions/);
    const functions = await deployedFunctions();
    expect(functions).toHaveLength(5);
    expectBundles(functions);
  });

  it('bootstraps, then deploys the stage it was asked for (--stage dev), bundled too', async () => {
    const output = await deploy('--stage', 'dev');
    expect(output).toContain(`$ cdk bootstrap aws://${account}/us-east-1 --app cdk.out`);
    expect(output).toContain('$ cdk deploy shop-dev-functions --exclusively --app cdk.out');
    expect(output).toMatch(/✅ {2}shop-dev-functions/);
    const functions = await deployedFunctions();
    expect(functions).toHaveLength(5);
    expect(functions.every((fn) => fn.name.startsWith('shop-dev-functions-'))).toBe(true);
    expectBundles(functions);
  });
});
