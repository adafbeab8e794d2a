import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packRepository, packToolkit, startRegistry } from './registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The registry every `create` flow installs this package from: see registry-flow.ts. */
    registryUrl: string;
  }
}

/**
 * Once per run of the end-to-end tests: one Verdaccio, with this package (as built) published
 * to it, for every package manager's flow, which so share its copies of the default registry's
 * packages too. (The upgrade case starts its own: it publishes other versions and stops it.)
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-registry-'));
  const registry = await startRegistry(join(dir, 'registry'));
  await registry.publish(await packRepository(dir));
  await registry.publish(await packToolkit(dir));
  project.provide('registryUrl', registry.url);
  return async () => {
    await registry.stop();
    if (!process.env.CSP_KEEP_TEMP) rmSync(dir, { recursive: true, force: true });
  };
}
