import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type BuildOptions, build } from 'esbuild';
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

interface Worker_ {
  readonly worker: Worker;
  readonly generation: number;
}

/**
 * Runs functions from their TypeScript source: each is bundled with esbuild as `cdk deploy`
 * bundles it, and runs in worker threads (one invocation per worker at a time, a new worker
 * when all are busy, as Lambda adds execution environments). Before each invocation it
 * checks the function's source files; when one changed, it rebuilds and starts fresh
 * workers, so an edit is live on the next request without a restart.
 */
export class LocalFunctions {
  private readonly definitions = new Map<string, FunctionDefinition>();
  private readonly builds = new Map<string, { generation: number; inputs: Map<string, number> }>();
  private readonly idle = new Map<string, Worker_[]>();
  private readonly busy = new Set<Worker>();
  private readonly outdir: string;
  private nextId = 0;

  constructor(private readonly options: FunctionsOptions) {
    this.outdir = join(options.root, '.dev', 'functions');
  }

  /** Bundles every function in one esbuild run, plus the worker that hosts them. */
  async prepare(definitions: readonly FunctionDefinition[]): Promise<void> {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
    await this.bundle(Object.fromEntries([['function-worker', 'dev/function-worker.ts'], ...definitions.map((d) => [d.name, d.entry])]));
  }

  /** Adds a function that comes already bundled; it is not rebuilt when its source changes. */
  addBundled(definition: FunctionDefinition & { readonly bundle: string }) {
    this.definitions.set(definition.name, definition);
    this.builds.set(definition.name, { generation: 1, inputs: new Map() });
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  async invoke(name: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const definition = this.definitions.get(name);
    if (!definition) throw new FunctionError(name, 'ResourceNotFoundException', `Function not found: ${name}`);
    if (!definition.bundle && this.changed(name)) await this.bundle({ [name]: definition.entry });
    const { worker, generation } = await this.take(definition);
    const deadline = Date.now() + definition.timeoutSeconds * 1000;
    const id = this.nextId++;
    this.busy.add(worker);
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          void worker.terminate();
          reject(new FunctionError(name, 'Sandbox.Timedout', `Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds`));
        }, deadline - Date.now());
        const settle = (message: { id?: number; result?: unknown; error?: { errorType: string; errorMessage: string; stack?: string } }) => {
          if (message.id !== id) return;
          clearTimeout(timer);
          worker.off('message', settle);
          worker.off('exit', exited);
          this.release(name, { worker, generation });
          if (message.error) reject(new FunctionError(name, message.error.errorType, message.error.errorMessage, message.error.stack));
          else resolve(message.result);
        };
        const exited = (code: number) => {
          clearTimeout(timer);
          reject(new FunctionError(name, 'Runtime.ExitError', `The function's process exited (code ${code}) before answering`));
        };
        worker.on('message', settle);
        worker.once('exit', exited);
        worker.postMessage({ id, event, requestId, deadline } satisfies Invocation);
      });
    } finally {
      this.busy.delete(worker);
    }
  }

  async close(): Promise<void> {
    const workers = [...[...this.idle.values()].flat().map(({ worker }) => worker), ...this.busy];
    this.idle.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async take(definition: FunctionDefinition): Promise<Worker_> {
    const generation = this.builds.get(definition.name)!.generation;
    const idle = this.idle.get(definition.name) ?? [];
    while (idle.length > 0) {
      const candidate = idle.pop()!;
      if (candidate.generation === generation) return candidate;
      void candidate.worker.terminate();
    }
    return { worker: await this.start(definition), generation };
  }

  private release(name: string, entry: Worker_) {
    const list = this.idle.get(name) ?? [];
    list.push(entry);
    this.idle.set(name, list);
  }

  /** A fresh execution environment: the worker imports the bundle (the cold start) and says when it is ready. */
  private start(definition: FunctionDefinition): Promise<Worker> {
    const settings: WorkerSettings = {
      bundle: definition.bundle ?? join(this.outdir, `${definition.name}.mjs`),
      handler: definition.handler,
      functionName: definition.name,
      memorySize: definition.memorySize,
      redirects: this.options.redirects,
    };
    const worker = new Worker(join(this.outdir, 'function-worker.mjs'), {
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
        if (message.ready) return resolve(worker);
        void worker.terminate();
        const failed = message.failed!;
        reject(new FunctionError(definition.name, `Runtime.ImportModuleError`, failed.errorMessage, failed.stack));
      });
      worker.once('error', (error) => reject(new FunctionError(definition.name, 'Runtime.ImportModuleError', error.message, error.stack)));
    });
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
    const { metafile } = await build({ ...bundling, entryPoints, absWorkingDir: this.options.root, outdir: this.outdir });
    for (const [output, { entryPoint, inputs }] of Object.entries(metafile!.outputs)) {
      if (!entryPoint || !output.endsWith('.mjs')) continue;
      const name = output.slice(output.lastIndexOf('/') + 1, -'.mjs'.length);
      const files = Object.keys(inputs).filter((input) => !input.includes('node_modules/')).map((input) => join(this.options.root, input));
      const previous = this.builds.get(name)?.generation ?? 0;
      this.builds.set(name, { generation: previous + 1, inputs: new Map(files.map((file) => [file, statSync(file).mtimeMs])) });
    }
  }
}

/** As the deployed bundles are built (infra/constructs/service-function.ts), for the Node.js running here. */
const bundling: BuildOptions = {
  bundle: true,
  write: true,
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
