import type { HostTensors, SessionCache } from '../runtime';

/** What the sampler needs from a runtime: Engine (worker thread) has this shape; sessionCacheRunner adapts a SessionCache. */
export interface GraphRunner {
  run(graph: Uint8Array, feeds: HostTensors): Promise<HostTensors>;
  /** Drops the graph's session (a later run loads it again); runners without it keep every session. */
  release?(graph: Uint8Array): Promise<void>;
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
      const loaded = await key;
      // Released while we waited: load it again (cache.run finds its session before its first await).
      if (!cache.has(loaded)) await cache.load(graph, loaded);
      return cache.run(loaded, feeds);
    },
    async release(graph) {
      const key = keys.get(graph);
      if (key) await cache.unload(await key);
    },
  };
}
