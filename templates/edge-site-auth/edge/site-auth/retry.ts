export interface RetryOptions {
  /** How many calls in all, the first included. */
  readonly attempts: number;
  /** The longest wait after the first failure; it doubles after each further one. */
  readonly firstDelayMs: number;
}

/**
 * Calls `attempt` until it succeeds, at most `attempts` times, and rethrows the last failure.
 * Between calls it waits a random time up to a doubling bound ("full jitter"): the instances
 * that were throttled together do not all come back at the same moment.
 */
export async function retry<T>(attempt: () => Promise<T>, { attempts, firstDelayMs }: RetryOptions): Promise<T> {
  for (let failures = 0; ; ) {
    try {
      return await attempt();
    } catch (error) {
      failures += 1;
      if (failures >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * firstDelayMs * 2 ** (failures - 1)));
    }
  }
}
