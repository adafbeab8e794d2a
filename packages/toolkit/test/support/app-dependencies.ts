import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { versions } from '../../../../src/plan/versions.js';
import { toolchainsRoot } from '../../../../test/support/toolchains.js';

/**
 * What the hand-written app imports (its CDK app, its handlers) and what `cdk synth` would
 * run it with, at the versions generated projects pin: the toolkit is tested against the
 * aws-cdk-lib it is released with. No toolkit here: the test runs the one built in this repository.
 */
export const appDependencies = {
  ...Object.fromEntries((['aws-cdk-lib', 'constructs', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-ssm', 'esbuild', 'tsx'] as const).map((name) => [name, versions[name]])),
  // A secret read as a generated README's "Secrets" says: Powertools Parameters, at the version of the other Powertools packages.
  '@aws-lambda-powertools/parameters': versions['@aws-lambda-powertools/logger'],
};

/**
 * A folder with those dependencies installed (node_modules and package-lock.json), installed
 * once per set of versions by npm from its shared cache and kept beside the test toolchains,
 * so later runs only link to it. Installed into a staging folder renamed into place: two
 * runs at once never see half an install.
 */
export function installedAppDependencies(): string {
  const manifest = `${JSON.stringify({ name: 'hand-written-app-dependencies', private: true, type: 'module', dependencies: appDependencies }, null, 2)}\n`;
  const folder = join(toolchainsRoot(), `hand-written-app-${createHash('sha256').update(manifest).digest('hex').slice(0, 12)}`);
  if (existsSync(join(folder, 'package-lock.json'))) return folder;
  const staging = mkdtempSync(`${folder}-`);
  try {
    writeFileSync(join(staging, 'package.json'), manifest);
    // No install scripts: esbuild's only checks the binary its optional dependency brings.
    execFileSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: staging,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another run installed it meanwhile: theirs is as good.
      if (!existsSync(join(folder, 'package-lock.json'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return folder;
}
