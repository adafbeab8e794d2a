import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { interleave } from './measure.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Every Lambda handler of a generated project, as its own `cdk synth` bundles it for a stage
 * (the project's FunctionBundles: one esbuild build per stack), read from the cloud assembly:
 * each function's `serverless-pattern:entry` names its handler, its `aws:asset:path` the
 * folder of its bundle. The assembly is written inside the project, so the external @aws-sdk
 * imports resolve from its node_modules, as the Lambda runtime's own copy of the SDK would.
 * `prod` (as generated: `tracing: true`) has the tracer in its bundles; `dev` (`'requests'`) does not.
 */
export async function bundleHandlers(project, { stage = 'prod' } = {}) {
  const out = join(project, `.bench-${stage}`);
  rmSync(out, { recursive: true, force: true });
  const synth = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-c', `stage=${stage}`, '--output', out], { cwd: project, encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } });
  if (synth.status !== 0) throw new Error(`cdk synth -c stage=${stage} failed in ${project}\n${synth.stdout}\n${synth.stderr}`);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const handlers = [];
  for (const artifact of Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack')) {
    const template = JSON.parse(readFileSync(join(out, artifact.properties.templateFile), 'utf8'));
    // Construct metadata: in the manifest, or in a file of its own beside it (newer CDK).
    const metadata = artifact.additionalMetadataFile ? JSON.parse(readFileSync(join(out, artifact.additionalMetadataFile), 'utf8')) : (artifact.metadata ?? {});
    for (const [path, entries] of Object.entries(metadata)) {
      const entry = entries.find((e) => e.type === 'serverless-pattern:entry')?.data;
      if (!entry?.startsWith('services/')) continue;
      const resource = Object.values(template.Resources).find((r) => `/${r.Metadata?.['aws:cdk:path']}` === path);
      const file = join(out, resource.Metadata['aws:asset:path'], 'index.mjs');
      const code = readFileSync(file);
      // services/items/handlers/get.ts → items/get
      const name = entry.replace(/^services\/([^/]+)\/handlers\/(.+)\.ts$/, '$1/$2');
      handlers.push({ name, file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    }
  }
  handlers.sort((a, b) => (a.name < b.name ? -1 : 1));
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
