import type { Worker } from 'node:worker_threads';

/** One execution environment of a function: a worker thread that imported one build of its bundle. */
export interface Environment {
  readonly worker: Worker;
  readonly generation: number;
}

interface Waiter {
  resolve(environment: Environment): void;
  reject(reason: unknown): void;
}

/**
 * The execution environments of one function, scaled as Lambda scales them, up to a limit (its
 * concurrency): an invocation takes an idle environment, or starts one while there are fewer
 * than the limit; beyond it, it waits in line, first come first served, for one to be released.
 * (Lambda throttles at its limit; a local queue is kinder, and a function's timeout starts when
 * it runs, not while it waits.) An environment of an older build is never reused.
 */
export class EnvironmentPool {
  private readonly live = new Set<Environment>();
  private readonly idle: Environment[] = [];
  private readonly waiting: Waiter[] = [];
  private starting = 0;

  constructor(
    private readonly concurrency: number,
    private readonly start: () => Promise<Environment>,
    private readonly currentGeneration: () => number,
  ) {}

  /** An environment of the current build, as soon as one is free; aborting `signal` gives up the place in line. */
  acquire(signal?: AbortSignal): Promise<Environment> {
    const idle = this.takeIdle();
    if (idle) return Promise.resolve(idle);
    if (this.live.size + this.starting < this.concurrency) return this.grow();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.waiting.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const place = this.waiting.indexOf(waiter);
          if (place < 0) return;
          this.waiting.splice(place, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** After an invocation: the environment goes to the next in line, or waits idle. */
  release(environment: Environment) {
    if (environment.generation !== this.currentGeneration()) return this.discard(environment);
    const next = this.waiting.shift();
    if (next) next.resolve(environment);
    else this.idle.push(environment);
  }

  /** An environment that must not run again (it timed out, crashed, or is of an older build): its place goes to the next in line. */
  discard(environment: Environment) {
    this.retire(environment);
    this.serveNextWaiter();
  }

  /** Starts an environment ahead of the first invocation, as provisioned concurrency does. */
  async warm(): Promise<void> {
    if (this.live.size + this.starting > 0) return;
    this.release(await this.grow());
  }

  /** Stops every environment, idle or busy. */
  async close(): Promise<void> {
    const workers = [...this.live].map(({ worker }) => worker);
    this.live.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private takeIdle(): Environment | undefined {
    const generation = this.currentGeneration();
    let environment: Environment | undefined;
    while ((environment = this.idle.pop())) {
      if (environment.generation === generation) return environment;
      this.retire(environment);
    }
    return undefined;
  }

  private async grow(): Promise<Environment> {
    this.starting++;
    try {
      const environment = await this.start();
      this.live.add(environment);
      return environment;
    } catch (error) {
      // The next in line tries for itself (and likely meets the same import error).
      queueMicrotask(() => this.serveNextWaiter());
      throw error;
    } finally {
      this.starting--;
    }
  }

  private retire(environment: Environment) {
    this.live.delete(environment);
    void environment.worker.terminate();
  }

  private serveNextWaiter() {
    if (this.live.size + this.starting >= this.concurrency) return;
    const next = this.waiting.shift();
    if (next) this.grow().then(next.resolve, next.reject);
  }
}
