import type { PackageManager } from '../options/package-manager.js';
import { toolkit } from '../package-info.js';

/**
 * Every dependency version a generated project gets, in one place: bump here, and every
 * template follows. Exact versions, because a scaffold must install the same tomorrow as
 * the day it was tested.
 */
export const versions = {
  // dev, preview, deploy, diff and destroy (packages/toolkit): the generator's own version.
  [toolkit.name]: toolkit.spec,
  'aws-cdk-lib': '2.276.0',
  'aws-cdk': '2.1148.1',
  constructs: '10.8.1',
  'cdk-nag': '3.0.2',
  '@aws-sdk/client-dynamodb': '3.1169.0',
  '@aws-sdk/lib-dynamodb': '3.1169.0',
  '@aws-sdk/client-ssm': '3.1169.0',
  // Not published at every SDK version: the nearest one.
  '@aws-sdk/client-cloudfront': '3.1164.0',
  '@aws-sdk/client-sqs': '3.1169.0',
  zod: '4.6.7',
  // Powertools for AWS Lambda: structured logs, X-Ray traces, EMF metrics, and the consumers' batch handling. One version for all.
  '@aws-lambda-powertools/logger': '2.35.0',
  '@aws-lambda-powertools/metrics': '2.35.0',
  '@aws-lambda-powertools/tracer': '2.35.0',
  '@aws-lambda-powertools/batch': '2.35.0',
  esbuild: '0.28.2',
  tsx: '4.23.15',
  typescript: '7.0.2',
  vitest: '4.1.12',
  '@types/node': '24.19.2',
  '@types/aws-lambda': '8.10.164',
  'aws-sdk-client-mock': '4.1.0',
  // The SPA (frontend/). vite 8 and jsdom 27 still run on Node 20.19; jsdom 28+ needs Node 22.
  // OIDC sign-in for the SPA (code flow with PKCE); its one dependency is jwt-decode.
  'oidc-client-ts': '3.5.0',
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
  jsdom: '27.4.0',
  '@testing-library/react': '16.3.3',
  '@testing-library/dom': '10.4.2',
  '@testing-library/user-event': '14.6.13',
  // Drives the machine's Chrome or Chromium in the browser tests; it downloads no browser of its own.
  'playwright-core': '1.65.1',
  // Verifies JWTs (signature against the issuer's JWKS, expiry, issuer, audience); engines: node >=18.
  'aws-jwt-verify': '5.2.1',
} as const;

export type PackageName = keyof typeof versions;

/** Package names given as plain strings (by the --edge table), checked against the map. */
export function pinned(names: readonly string[] | undefined): PackageName[] | undefined {
  return names?.map((name) => {
    if (!(name in versions)) throw new Error(`${name} is not pinned in src/plan/versions.ts`);
    return name as PackageName;
  });
}

/**
 * Every package in a generated project with an install script, the dependency that brings
 * it, and whether its script runs: the decision package.json's `allowScripts` records for npm
 * (npm 11.16+ warns about a package it does not cover; npm 12 blocks it) and
 * pnpm-workspace.yaml's `allowBuilds` for pnpm (pnpm 11+ fails an install that leaves one
 * undecided). Neither needs its script, so neither runs one, under any package manager.
 */
export const installScripts = [
  // postinstall only checks that the platform's binary package (an optional dependency it
  // resolves itself) is there and swaps bin/esbuild for it; the JS API and the bin work without.
  { name: 'esbuild', via: 'esbuild', run: false },
  // install: node-gyp-build, which loads the binding it ships prebuilt for every common
  // platform (prebuilds/) and compiles only where none fits. The toolkit's dynalite (the
  // local DynamoDB) brings it.
  { name: 'classic-level', via: 'serverless-pattern', run: false },
] as const satisfies readonly { name: string; via: PackageName; run: boolean }[];

/**
 * What yarn (1 and 4) and bun must be told to resolve, where npm and pnpm need no help: both
 * resolve bundled dependencies from the registry, and yarn 1 fails on an optional dependency
 * the registry does not have. Added as `resolutions` (both read that field) to the projects
 * of the managers each entry names.
 */
export const resolutions = [
  // aws-cdk-lib bundles @aws/cloudformation-validate 1.14.0, a version that was never
  // published. aws-cdk-lib keeps loading its bundled copy; this is only what they resolve.
  { name: '@aws/cloudformation-validate', via: 'aws-cdk-lib', version: '1.9.0-beta', managers: ['yarn', 'bun'] },
  // vitest takes the newest vite, and vite 8.4.0 lists an optional dependency the registry
  // does not have (napi-windows-process-start-time): the vite the SPA pins instead. bun only
  // warns about it.
  { name: 'vite', via: 'vitest', version: versions.vite, managers: ['yarn'] },
] as const satisfies readonly { name: string; via: PackageName; version: string; managers: readonly PackageManager[] }[];
