import { AssetHashType, type ILocalBundling, Stack } from 'aws-cdk-lib';
import { Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { type BuildOptions, buildSync, type OutputFile } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Stage, stageOf } from '../stage.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Where the bundles would be written: esbuild only names them from here (the source maps' paths are relative to it). */
const outdir = join(projectRoot, 'cdk.out');

/**
 * The functions' code: a small ESM bundle per handler, built by esbuild's API in this process.
 * All the functions of a stack are bundled in one build with many entry points (no shared
 * chunks: each bundle is whole), one folder per function, so each function's asset hash follows
 * its own code and a change to one handler redeploys that function only. A stack names its
 * handlers with `include` before its first function asks for code, so that build has them all.
 * Nothing is built when the stack's bundling is skipped (`npm run dev`, `cdk synth --exclusively`).
 */
export class FunctionBundles {
  private static readonly ofStack = new WeakMap<Stack, FunctionBundles>();

  /** The bundles of `scope`'s stack, built as its stage says (see bundleOptions). */
  static of(scope: IConstruct): FunctionBundles {
    const stack = Stack.of(scope);
    let bundles = FunctionBundles.ofStack.get(stack);
    if (!bundles) FunctionBundles.ofStack.set(stack, (bundles = new FunctionBundles(bundleOptions(stageOf(stack)))));
    return bundles;
  }

  private readonly pending = new Set<string>();
  private readonly built = new Map<string, readonly OutputFile[]>();

  private constructor(private readonly options: BuildOptions) {}

  /** Handlers (relative to the project root) this stack will ask for: built with the first one asked for. */
  include(entries: Iterable<string>): this {
    for (const entry of entries) if (!this.built.has(entry)) this.pending.add(entry);
    return this;
  }

  /** The code of the function whose handler is `entry` (relative to the project root): `index.handler`. */
  code(entry: string): Code {
    return Code.fromAsset(join(projectRoot, dirname(entry)), {
      // The hash of the bundle, not of the handler's folder: a change to a library it imports redeploys it too.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Only if local bundling declined, which it never does: Docker is not needed.
        image: Runtime.NODEJS_24_X.bundlingImage,
        local: new LocalBundle(entry, this.options, (outputDir) => this.write(entry, outputDir)),
      },
    });
  }

  private write(entry: string, outputDir: string): void {
    for (const file of this.outputsOf(entry)) writeFileSync(join(outputDir, basename(file.path)), file.contents);
  }

  private outputsOf(entry: string): readonly OutputFile[] {
    if (!this.built.has(entry)) {
      const entries = [...this.pending.add(entry)];
      this.pending.clear();
      const { outputFiles = [] } = buildSync({ ...this.options, entryPoints: Object.fromEntries(entries.map((each) => [`${bundleName(each)}/index`, join(projectRoot, each)])) });
      for (const each of entries) this.built.set(each, outputFiles.filter((file) => dirname(file.path) === join(outdir, bundleName(each))));
    }
    return this.built.get(entry)!;
  }
}

/**
 * One function's bundling, as the asset sees it. Its fields are part of the asset's cache key
 * (two handlers in one folder are two assets); `write` copies the function's files from its
 * stack's build.
 */
class LocalBundle implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly options: BuildOptions,
    private readonly write: (outputDir: string) => void,
  ) {}

  tryBundle(outputDir: string): boolean {
    this.write(outputDir);
    return true;
  }
}

/** `services/items/handlers/get.ts` → `services-items-handlers-get`: one folder per function in the build. */
function bundleName(entry: string): string {
  return entry.replace(/\.[cm]?tsx?$/, '').replaceAll('/', '-');
}

function bundleOptions(stage: Stage): BuildOptions {
  return {
    bundle: true,
    write: false,
    outdir,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: projectRoot,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    // Stack traces name the source's files and lines (NODE_OPTIONS=--enable-source-maps); the
    // sources themselves stay out of the map, which would be most of the upload.
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // The Lambda runtime ships the AWS SDK v3; bundling it would only slow cold starts.
    external: ['@aws-sdk/*'],
    // The X-Ray SDK under Powertools' tracer is CommonJS that calls require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // A stage without the tracer (`tracing` false or 'requests'): the setting written in, so the tracer and the X-Ray SDK are not even bundled.
    define: stage.tracing === true ? undefined : { 'process.env.POWERTOOLS_TRACE_ENABLED': JSON.stringify('false') },
  };
}
