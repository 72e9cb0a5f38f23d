import type { HostTensors, SessionCache } from '../runtime';

/** What the sampler needs from a runtime: Engine (worker thread) has this shape; sessionCacheRunner adapts a SessionCache. */
export interface GraphRunner {
  run(graph: Uint8Array, feeds: HostTensors): Promise<HostTensors>;
}

/**
 * Runs on the calling thread through a SessionCache: feeds are handed to ORT as views, so a cache prefix is read in
 * place. (The Engine posts feeds to its thread, which copies each view's whole buffer.)
 */
export function sessionCacheRunner(cache: SessionCache): GraphRunner {
  const keys = new WeakMap<Uint8Array, Promise<string>>();
  return {
    async run(graph, feeds) {
      let key = keys.get(graph);
      if (!key) {
        key = cache.load(graph);
        keys.set(graph, key);
      }
      return cache.run(await key, feeds);
    },
  };
}
