import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packToolkit } from './registry.js';
import { installTool } from './toolchains.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding Node 24 (the Lambda runtime's), installed from npm: see node24.ts. */
    node24Bin: string;
    /** The toolkit (packages/toolkit) as built, packed: what generated projects install it from. */
    toolkitTarball: string;
  }
}

/** Once per run of the end-to-end tests, before any of them: the Node that generated projects run on. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('node24Bin', installTool('node24'));
  project.provide('toolkitTarball', await packToolkit(mkdtempSync(join(tmpdir(), 'csp-toolkit-'))));
}
