import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { interleave } from './measure.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Every Lambda handler of a generated project, bundled with the project's own esbuild
 * exactly as its ServiceFunction construct asks NodejsFunction to (ESM, minified, source
 * map, target node24, @aws-sdk/* external, mainFields module,main, the createRequire banner). The bundles are written
 * inside the project so the external @aws-sdk imports resolve from its node_modules, as
 * the Lambda runtime's own copy of the SDK would.
 */
export async function bundleHandlers(project, { tracing = true } = {}) {
  const esbuild = createRequire(join(project, 'package.json'))('esbuild');
  const out = join(project, tracing ? '.bench' : '.bench-untraced');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const handlers = [];
  for (const service of readdirSync(join(project, 'services'))) {
    const folder = join(project, 'services', service, 'handlers');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts')).sort()) {
      const name = `${service}/${basename(file, '.ts')}`;
      const outfile = join(out, `${service}-${basename(file, '.ts')}.mjs`);
      await esbuild.build({
        entryPoints: [join(folder, file)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        minify: true,
        sourcemap: true,
        mainFields: ['module', 'main'],
        external: ['@aws-sdk/*'],
        // As ServiceFunction: the X-Ray SDK under Powertools' tracer calls require() in an ESM bundle.
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
        // As ServiceFunction in a stage with `tracing: false`: the setting written in, the tracer left out.
        define: tracing ? undefined : { 'process.env.POWERTOOLS_TRACE_ENABLED': JSON.stringify('false') },
        logLevel: 'error',
      });
      const code = readFileSync(outfile);
      handlers.push({ name, file: outfile, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    }
  }
  const floor = join(out, 'floor.mjs');
  cpSync(join(here, 'floor-handler.mjs'), floor);
  return { handlers, floor };
}

/**
 * Cold init of each handler against the floor, in fresh processes, interleaved. The process
 * runs as the Lambda would: NODE_OPTIONS=--enable-source-maps (set by ServiceFunction),
 * a region and the function's environment, on `node` (the runtime's major: nodejs24.x).
 * `tracing` is the stage's setting: on, Powertools' tracer (and the X-Ray SDK) loads at init.
 */
export function coldInit({ handlers, floor }, runs, node = process.execPath, { tracing = true } = {}) {
  const env = {
    ...process.env,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    TABLE_NAME: 'bench-items',
    // As in Lambda, where Powertools' tracer is on (it patches the http modules at init).
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    POWERTOOLS_SERVICE_NAME: 'items',
    POWERTOOLS_METRICS_NAMESPACE: 'bench',
    POWERTOOLS_TRACE_ENABLED: String(tracing),
  };
  const runner = join(here, 'import-runner.js');
  const candidate = (name, file) => ({
    name,
    run: () => Number(runNode(node, [runner, file], env)),
  });
  const results = interleave([candidate('floor', floor), ...handlers.map((h) => candidate(h.name, h.file))], runs);
  return { floor: results.floor, handlers: handlers.map((h) => ({ ...h, init: results[h.name] })) };
}

function runNode(node, args, env) {
  const result = spawnSync(node, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
