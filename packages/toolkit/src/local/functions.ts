import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type BuildOptions, build } from 'esbuild';
import { type Environment, EnvironmentPool } from './function-pool.js';
import type { Invocation, WorkerSettings } from './function-worker.js';

/** A function as the local stack runs it. */
export interface FunctionDefinition {
  readonly name: string;
  /** The handler's TypeScript source, relative to the project root. */
  readonly entry: string;
  /** A bundle built another way (a Lambda@Edge function bundles itself), run instead of building `entry`. */
  readonly bundle?: string;
  /** The exported function to call (`index.handler` → `handler`). */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** Its reserved concurrency, when the app sets one: no more environments than that. */
  readonly reservedConcurrency?: number;
}

/** What a function threw, or that it ran out of time, as Lambda reports it. */
export class FunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
    /** Where it was thrown, in the TypeScript source. */
    readonly trace?: string,
  ) {
    super(message);
  }
}

export interface FunctionsOptions {
  readonly root: string;
  /** Variables every function gets on top of its own: region, local endpoints, credentials. */
  readonly environment: Readonly<Record<string, string>>;
  readonly redirects: Readonly<Record<string, string>>;
  /** Where a function's console output goes, a line at a time. */
  readonly log: (functionName: string, line: string) => void;
}

/**
 * How many environments of one function run at once. Lambda starts up to 1,000 (the account's
 * concurrency) on as many machines; here each is a thread on this machine, and the busiest
 * threads are the gateway's and DynamoDB's, not the functions' (which mostly wait on them): one
 * environment per core, at least two, answers 50 requests in flight with a shorter tail than
 * more would (measured on 2 cores: p99 0.4 to 0.9 s against 0.8 to 2.2 s with four, on a busy
 * machine), since every further one is a cold start and one more thread to share the cores
 * with. The rest wait in line.
 */
const concurrency = Math.max(2, availableParallelism());

/**
 * Runs functions from their TypeScript source: each is bundled with esbuild as `cdk deploy`
 * bundles it, and runs in worker threads (one invocation per worker at a time, a new worker
 * when all are busy, up to the function's concurrency, as Lambda adds execution environments).
 * Every function is bundled in one esbuild run when the stack starts, in the background, and
 * gets one environment ready before its first request. Before each invocation it checks the
 * function's source files; when one changed, it rebuilds and starts fresh workers, so an edit
 * is live on the next request without a restart.
 */
export class LocalFunctions {
  private readonly definitions = new Map<string, FunctionDefinition>();
  private readonly builds = new Map<string, { generation: number; inputs: Map<string, number> }>();
  private readonly pools = new Map<string, EnvironmentPool>();
  private readonly rebuilding = new Map<string, Promise<void>>();
  private readonly outdir: string;
  /** The first build of every function; invocations wait for it. */
  private built: Promise<void> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly options: FunctionsOptions) {
    this.outdir = join(options.root, '.dev', 'functions');
  }

  /**
   * Bundles every function from source in one esbuild run, in the
   * background (invocations wait for it); then starts one environment of each, one after the
   * other, so that no first request pays for a build or a cold start. Resolves when all are
   * warm.
   */
  prepare(definitions: readonly FunctionDefinition[]): Promise<void> {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
    // A function that comes bundled runs as it is.
    for (const { name } of definitions.filter((d) => d.bundle)) this.builds.set(name, { generation: 1, inputs: new Map() });
    const sources = definitions.filter((d) => !d.bundle);
    this.built = this.bundle(Object.fromEntries(sources.map((d) => [d.name, d.entry]))).catch((error: unknown) => {
      // A handler that does not build fails its own requests (each rebuilds it and reports why); the rest run.
      this.options.log('esbuild', error instanceof Error ? error.message : String(error));
    });
    return this.built.then(async () => {
      // One failing to start (an import error) is reported by its requests.
      for (const definition of definitions) await this.pool(definition.name).warm().catch(() => {});
    });
  }

  /** Adds a function that comes already bundled; it is not rebuilt when its source changes. */
  addBundled(definition: FunctionDefinition & { readonly bundle: string }) {
    this.definitions.set(definition.name, definition);
    this.builds.set(definition.name, { generation: 1, inputs: new Map() });
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  /**
   * Runs one invocation: in line for an environment, then the handler with the function's
   * timeout, counted from when it starts. Aborting `signal` (the caller gave up, as API Gateway
   * does after its integration timeout) rejects at once; a running handler still finishes.
   */
  async invoke(name: string, event: unknown, requestId: string = randomUUID(), signal?: AbortSignal): Promise<unknown> {
    const definition = this.definitions.get(name);
    if (!definition) throw new FunctionError(name, 'ResourceNotFoundException', `Function not found: ${name}`);
    await this.built;
    if (!definition.bundle && this.changed(name)) await this.rebuild(name, definition.entry);
    const pool = this.pool(name);
    const environment = await pool.acquire(signal);
    const running = this.run(definition, pool, environment, event, requestId);
    if (!signal) return running;
    return Promise.race([running, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  private run(definition: FunctionDefinition, pool: EnvironmentPool, environment: Environment, event: unknown, requestId: string): Promise<unknown> {
    const { name, timeoutSeconds } = definition;
    const { worker } = environment;
    const deadline = Date.now() + timeoutSeconds * 1000;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        finish();
        pool.discard(environment);
        reject(new FunctionError(name, 'Sandbox.Timedout', `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`));
      }, deadline - Date.now());
      const settle = (message: { id?: number; result?: unknown; error?: { errorType: string; errorMessage: string; stack?: string } }) => {
        if (message.id !== id) return;
        finish();
        pool.release(environment);
        if (message.error) reject(new FunctionError(name, message.error.errorType, message.error.errorMessage, message.error.stack));
        else resolve(message.result);
      };
      const exited = (code: number) => {
        finish();
        pool.discard(environment);
        reject(new FunctionError(name, 'Runtime.ExitError', `The function's process exited (code ${code}) before answering`));
      };
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', settle);
        worker.off('exit', exited);
      };
      worker.on('message', settle);
      worker.once('exit', exited);
      worker.postMessage({ id, event, requestId, deadline } satisfies Invocation);
    });
  }

  private pool(name: string): EnvironmentPool {
    let pool = this.pools.get(name);
    if (!pool) {
      const definition = this.definitions.get(name)!;
      const limit = Math.min(concurrency, definition.reservedConcurrency ?? concurrency);
      pool = new EnvironmentPool(limit, () => this.start(definition), () => this.builds.get(name)?.generation ?? 0);
      this.pools.set(name, pool);
    }
    return pool;
  }

  /** A fresh execution environment: the worker imports the bundle (the cold start) and says when it is ready. */
  private start(definition: FunctionDefinition): Promise<Environment> {
    const generation = this.builds.get(definition.name)?.generation ?? 0;
    const settings: WorkerSettings = {
      bundle: definition.bundle ?? join(this.outdir, `${definition.name}.mjs`),
      handler: definition.handler,
      functionName: definition.name,
      memorySize: definition.memorySize,
      redirects: this.options.redirects,
    };
    const worker = new Worker(workerFile, {
      workerData: settings,
      env: { ...this.options.environment, ...definition.environment, AWS_LAMBDA_FUNCTION_NAME: definition.name },
      execArgv: ['--enable-source-maps'],
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.options.log(definition.name, line));
    }
    return new Promise((resolve, reject) => {
      worker.once('message', (message: { ready?: true; failed?: { errorType: string; errorMessage: string; stack?: string } }) => {
        if (message.ready) return resolve({ worker, generation });
        void worker.terminate();
        const failed = message.failed!;
        reject(new FunctionError(definition.name, `Runtime.ImportModuleError`, failed.errorMessage, failed.stack));
      });
      worker.once('error', (error) => reject(new FunctionError(definition.name, 'Runtime.ImportModuleError', error.message, error.stack)));
    });
  }

  /** One build of `name` at a time: the invocations that find its sources changed wait for the same one. */
  private rebuild(name: string, entry: string): Promise<void> {
    let building = this.rebuilding.get(name);
    if (!building) {
      building = this.bundle({ [name]: entry }).finally(() => this.rebuilding.delete(name));
      this.rebuilding.set(name, building);
    }
    return building;
  }

  private changed(name: string): boolean {
    const built = this.builds.get(name);
    if (!built) return true;
    for (const [file, mtime] of built.inputs) {
      try {
        if (statSync(file).mtimeMs !== mtime) return true;
      } catch {
        return true;
      }
    }
    return false;
  }

  private async bundle(entryPoints: Record<string, string>): Promise<void> {
    const { metafile, outputFiles } = await build({ ...bundling, entryPoints, absWorkingDir: this.options.root, outdir: this.outdir });
    // Each bundle replaced whole (a rename): a worker starting now, of this stack or of another
    // one on the same project (`npm test` beside `npm run dev`), never imports half a file.
    mkdirSync(this.outdir, { recursive: true });
    for (const { path, contents } of outputFiles!) {
      writeFileSync(`${path}.${process.pid}`, contents);
      renameSync(`${path}.${process.pid}`, path);
    }
    for (const [output, { entryPoint, inputs }] of Object.entries(metafile!.outputs)) {
      if (!entryPoint || !output.endsWith('.mjs')) continue;
      const name = output.slice(output.lastIndexOf('/') + 1, -'.mjs'.length);
      const files = Object.keys(inputs).filter((input) => !input.includes('node_modules/')).map((input) => join(this.options.root, input));
      const previous = this.builds.get(name)?.generation ?? 0;
      this.builds.set(name, { generation: previous + 1, inputs: new Map(files.map((file) => [file, statSync(file).mtimeMs])) });
    }
  }
}

/** The toolkit's worker that hosts one execution environment (built beside this module: see build.js). */
const workerFile = fileURLToPath(new URL('./function-worker.js', import.meta.url));

/** As the deployed bundles are built (a NodejsFunction's ESM bundle), for the Node.js running here. */
const bundling: BuildOptions = {
  bundle: true,
  write: false,
  metafile: true,
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node.split('.')[0]}`,
  mainFields: ['module', 'main'],
  // Lambda provides the AWS SDK; here it comes from node_modules.
  external: ['@aws-sdk/*'],
  sourcemap: 'inline',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS dependencies may call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'silent',
};
