/**
 * Runs generations one at a time against the single engine: each request is one batch (its prompts times n), so a
 * seeded request gives the same bytes whatever else the server is doing, and the KV cache of one batch never
 * competes with another's for memory.
 */
export class GenerationQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
