/**
 * Runs generations one at a time against the single engine: each request is one batch (its prompts times n), so a
 * seeded request gives the same bytes whatever else the server is doing, and the KV cache of one batch never
 * competes with another's for memory.
 */
export class GenerationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined).finally(() => (this.waiting -= 1));
    return result;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.waiting;
  }
}
