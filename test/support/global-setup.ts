import type { TestProject } from 'vitest/node';
import { installTool } from './toolchains.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding Node 24 (the Lambda runtime's), installed from npm: see node24.ts. */
    node24Bin: string;
  }
}

/** Once per run of the end-to-end tests, before any of them: the Node that generated projects run on. */
export default function setup(project: TestProject): void {
  project.provide('node24Bin', installTool('node24'));
}
