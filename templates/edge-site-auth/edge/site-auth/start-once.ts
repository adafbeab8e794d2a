/**
 * Runs `start` on first use and gives every later caller the same promise, so a function
 * instance starts once however many requests arrive together. A start that fails is not kept:
 * the callers waiting on it get the error, and the next call starts again. (A rejected
 * promise kept at module scope would fail every request the instance ever serves.)
 */
export function startOnce<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    started ??= start().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
}
