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
 * concurrency): an invocation takes an idle environment; when there is none, it waits in line,
 * first come first served, and a new environment starts if there are fewer than the limit. The
 * first environment to be free, new or released, serves the first in line, so a request never
 * waits for a cold start that an environment finishing its work would have spared it. (Lambda
 * throttles at its limit; a local queue is kinder, and a function's timeout starts when it
 * runs, not while it waits.) An environment of an older build is never reused.
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
    const waiting = new Promise<Environment>((resolve, reject) => {
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
    this.growForWaiters();
    return waiting;
  }

  /** After an invocation: the environment goes to the first in line, or waits idle. */
  release(environment: Environment) {
    if (environment.generation !== this.currentGeneration()) return this.discard(environment);
    const next = this.waiting.shift();
    if (next) next.resolve(environment);
    else this.idle.push(environment);
  }

  /** An environment that must not run again (it timed out, crashed, or is of an older build). */
  discard(environment: Environment) {
    this.live.delete(environment);
    void environment.worker.terminate();
    this.growForWaiters();
  }

  /** Starts an environment ahead of the first invocation, as provisioned concurrency does. */
  async warm(): Promise<void> {
    if (this.live.size + this.starting === 0) await this.grow();
  }

  /** Stops every environment, idle or busy. */
  async close(): Promise<void> {
    const workers = [...this.live].map(({ worker }) => worker);
    this.live.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private takeIdle(): Environment | undefined {
    let environment: Environment | undefined;
    while ((environment = this.idle.pop())) {
      if (environment.generation === this.currentGeneration()) return environment;
      this.live.delete(environment);
      void environment.worker.terminate();
    }
    return undefined;
  }

  /** One more environment for each waiter that no environment starting already will serve, within the limit. */
  private growForWaiters() {
    while (this.waiting.length > this.starting && this.live.size + this.starting < this.concurrency) {
      this.grow().catch((error: unknown) => this.waiting.shift()?.reject(error));
    }
  }

  /** A new environment, released into the pool (to the first in line) once it is ready. */
  private async grow(): Promise<void> {
    this.starting++;
    let environment: Environment;
    try {
      environment = await this.start();
    } finally {
      this.starting--;
    }
    this.live.add(environment);
    this.release(environment);
  }
}
