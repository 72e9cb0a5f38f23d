import type { HeldFeeds, HostTensors, RunOptions, SessionCache } from '../runtime';

/** What the sampler needs from a runtime: Engine (worker thread) has this shape; sessionCacheRunner adapts a SessionCache. */
export interface GraphRunner {
  run(graph: Uint8Array, feeds: HostTensors, options?: RunOptions): Promise<HostTensors>;
  /** Drops the graph's session (a later run loads it again); runners without it keep every session. */
  release?(graph: Uint8Array): Promise<void>;
  /** Keeps feeds for later runs (RunOptions.held) until drop(); runners without it are fed everything at every run. */
  hold?(feeds: HostTensors): Promise<HeldFeeds>;
  drop?(held: HeldFeeds): Promise<void>;
}

interface LocalHeldFeeds extends HeldFeeds {
  feeds: HostTensors;
}

/**
 * Runs on the calling thread through a SessionCache: feeds are handed to ORT as views, so nothing is copied, and
 * holding or lending feeds only keeps references.
 */
export function sessionCacheRunner(cache: SessionCache): GraphRunner {
  const keys = new WeakMap<Uint8Array, Promise<string>>();
  return {
    async run(graph, feeds, options = {}) {
      let key = keys.get(graph);
      if (!key) {
        key = cache.load(graph);
        keys.set(graph, key);
      }
      const loaded = await key;
      // Released while we waited: load it again (cache.run finds its session before its first await).
      if (!cache.has(loaded)) await cache.load(graph, loaded);
      const all = { ...(options.held as LocalHeldFeeds | undefined)?.feeds, ...feeds };
      const outputs = await cache.run(loaded, all);
      for (const name of options.lend ?? []) outputs[name] = all[name];
      return outputs;
    },
    async release(graph) {
      const key = keys.get(graph);
      if (key) await cache.unload(await key);
    },
    async hold(feeds) {
      return { names: Object.keys(feeds), feeds } satisfies LocalHeldFeeds;
    },
    async drop() {},
  };
}
