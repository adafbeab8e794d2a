// Builds dist/: one ESM file per command (loaded only when that command runs), plus the
// worker thread that hosts a function locally, which is started from its own file.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const outdir = new URL('./dist', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts', testing: 'src/testing.ts', 'function-worker': 'src/local/function-worker.ts' },
  absWorkingDir: new URL('.', import.meta.url).pathname,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Its dependencies install beside it; aws-cdk-lib is the project's own (one copy, so its classes are the app's).
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// Types for `serverless-pattern/testing`, which projects' own tests import.
const typescript = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
const tsc = join(typescript, 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: new URL('.', import.meta.url).pathname, stdio: 'inherit' });
