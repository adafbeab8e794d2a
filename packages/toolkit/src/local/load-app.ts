import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** aws-cdk-lib as the project has it: the very module its app builds constructs with. */
export type CdkLib = typeof import('aws-cdk-lib');

export class AppLoadError extends Error {}

/** Where a stack without a region of its own (environment-agnostic) gets one locally, first set first; else us-east-1. */
export const regionVariables = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'CDK_DEFAULT_REGION'] as const;

/**
 * The CDK app that `cdk.json`'s `app` command would run, built in this process without
 * synthesizing it: its entry file imported (TypeScript through tsx), with the context `cdk
 * synth` would pass and every stack's bundling skipped. The App it creates is caught when it
 * would synthesize (`app.synth()`, or the automatic synth `cdk` asks for with CDK_OUTDIR),
 * so no template or asset is written. One App per entry file, as `cdk` expects.
 */
export async function loadCdkApp(root: string, context: Record<string, unknown> = {}): Promise<{ app: InstanceType<CdkLib['App']>; cdk: CdkLib }> {
  const cdkJson = readJson(join(root, 'cdk.json'));
  const entry = entryOf(String(cdkJson.app ?? ''));
  let cdkUrl: string;
  try {
    cdkUrl = pathToFileURL(createRequire(join(root, 'package.json')).resolve('aws-cdk-lib')).href;
  } catch {
    throw new AppLoadError('aws-cdk-lib is not installed in this project: install its dependencies first');
  }
  const contextJson = {
    ...(cdkJson.context as Record<string, unknown> | undefined),
    ...(existsSync(join(root, 'cdk.context.json')) ? readJson(join(root, 'cdk.context.json')) : {}),
    ...context,
    // No stack is bundled: the toolkit bundles each function from its own source.
    'aws:cdk:bundling-stacks': [],
  };

  const { register } = await import('tsx/esm/api');
  const unregister = register();
  // Imported as the app imports it (the same module, so the same classes), through the same loader.
  const imported = (await import(cdkUrl)) as CdkLib & { default?: CdkLib };
  const cdk = imported.default ?? imported;
  const outdir = mkdtempSync(join(tmpdir(), 'serverless-pattern-app-'));
  const saved = { context: process.env.CDK_CONTEXT_JSON, outdir: process.env.CDK_OUTDIR, cwd: process.cwd() };
  const originalSynth = cdk.Stage.prototype.synth;
  const originalOnce = process.once;
  const caught: InstanceType<CdkLib['App']>[] = [];
  const atExit: (() => void)[] = [];
  process.env.CDK_CONTEXT_JSON = JSON.stringify(contextJson);
  process.env.CDK_OUTDIR = outdir;
  cdk.Stage.prototype.synth = function (this: InstanceType<CdkLib['Stage']>) {
    if (cdk.App.isApp(this)) caught.push(this);
    return undefined as never;
  };
  process.once = function (this: NodeJS.Process, event: string | symbol, listener: (...args: any[]) => void) {
    if (event === 'beforeExit') {
      atExit.push(listener as () => void);
      return this;
    }
    return originalOnce.call(this, event, listener);
  } as typeof process.once;
  try {
    // `cdk` runs the app in the project folder: relative paths in it are the project's.
    process.chdir(root);
    await import(pathToFileURL(resolve(root, entry)).href);
    for (const listener of atExit) listener();
  } catch (error) {
    throw new AppLoadError(`${entry} failed while building the app: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await unregister();
    cdk.Stage.prototype.synth = originalSynth;
    process.once = originalOnce;
    restore('CDK_CONTEXT_JSON', saved.context);
    restore('CDK_OUTDIR', saved.outdir);
    process.chdir(saved.cwd);
    rmSync(outdir, { recursive: true, force: true });
  }
  const [app] = caught;
  if (!app) throw new AppLoadError(`${entry} built no CDK App: it must create one (new App()), as cdk.json's "app" expects`);
  return { app, cdk };
}

/** The entry file of cdk.json's `app` command: `npx tsx infra/app.ts`, `tsx app.ts`, `node bin/app.js`, `npx ts-node --prefer-ts-exts bin/app.ts`. */
export function entryOf(command: string): string {
  const words = command.trim().split(/\s+/).filter((word) => word !== 'npx');
  const [runner, ...args] = words;
  const file = args.filter((arg) => !arg.startsWith('-')).at(-1);
  if (!runner || !['tsx', 'ts-node', 'node'].includes(runner) || !file || !/\.[cm]?[jt]sx?$/.test(file)) {
    throw new AppLoadError(`cdk.json's "app" is ${JSON.stringify(command)}: the toolkit runs apps started as "npx tsx <file>", "npx ts-node <file>" or "node <file>"`);
  }
  return file;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new AppLoadError(`${file}: ${(error as Error).message}`);
  }
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
