import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { AppDescription } from './app-resources.js';
import { entryOf, regionVariables } from './load-app.js';

const toolkitVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The app's description, built from the CDK app only when one of the files it is defined
 * by changed: loading aws-cdk-lib and building every construct is most of a cold start,
 * and handler edits (the usual ones) never touch those files.
 */
export async function loadAppDescription(root: string): Promise<AppDescription> {
  const key = await sourcesKey(root);
  const file = join(root, '.dev', 'app.json');
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; app: AppDescription };
    if (cached.key === key) return cached.app;
  } catch {
    // No cache yet, or an unreadable one: describe the app afresh.
  }
  const { describeApp } = await import('./app-resources.js');
  const app = await describeApp(root);
  mkdirSync(join(root, '.dev'), { recursive: true });
  writeFileSync(file, JSON.stringify({ key, app }));
  return app;
}

/** A hash of every project file the app's entry imports (found by esbuild), of cdk.json and cdk.context.json, of the CDK and toolkit versions, and of the default region. */
async function sourcesKey(root: string): Promise<string> {
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { app?: string };
  const { metafile } = await build({
    entryPoints: [entryOf(String(cdkJson.app ?? ''))],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const input of Object.keys(metafile.inputs).sort()) hash.update(input).update(readFileSync(join(root, input)));
  hash.update(readFileSync(join(root, 'cdk.json'))).update(readFileSync(join(root, 'node_modules', 'aws-cdk-lib', 'package.json'))).update(toolkitVersion);
  // The app is built with these too: the cached context, and the region a stack without one gets (see regionOf).
  if (existsSync(join(root, 'cdk.context.json'))) hash.update(readFileSync(join(root, 'cdk.context.json')));
  for (const name of regionVariables) hash.update(`${name}=${process.env[name] ?? ''}`);
  return hash.digest('hex');
}
