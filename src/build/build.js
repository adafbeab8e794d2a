// Builds dist/ (see build-options.js for what goes in and why).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildOptions } from './build-options.js';

rmSync(buildOptions.outdir, { recursive: true, force: true });
await build(buildOptions);
