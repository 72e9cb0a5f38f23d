import { Engine } from '../engine/runtime';

/**
 * One engine per thread count for the whole worker process: sessions are cached per graph, so every rollout and
 * update of a run reuses the same ORT sessions. The thread count is part of a run's config because results depend
 * on it.
 */
const engines = new Map<number, Engine>();

export function engineFor(threads: number): Engine {
  let engine = engines.get(threads);
  if (!engine) {
    engine = new Engine({ threads });
    engines.set(threads, engine);
  }
  return engine;
}

/** Waits for the graphs in flight and ends the engine threads (call when the worker stops). */
export async function closeEngines(): Promise<void> {
  const closing = [...engines.values()].map((engine) => engine.close());
  engines.clear();
  await Promise.all(closing);
}
