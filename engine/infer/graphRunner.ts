import { InputError } from '../../core/errors';
import { Held, HostTensors, KvCacheBuffers, KvCacheShape, RunOptions, SessionCache, runWithCache } from '../runtime';

/** What the sampler needs from a runtime: Engine (worker thread) has this shape; sessionCacheRunner adapts a SessionCache. */
export interface GraphRunner {
  run(graph: Uint8Array, feeds: HostTensors, options?: RunOptions): Promise<HostTensors>;
  /** Drops the graph's session (a later run loads it again); runners without it keep every session. */
  release?(graph: Uint8Array): Promise<void>;
  /** Keeps feeds for later runs (RunOptions.held) until drop(); runners without it are fed everything at every run. */
  hold?(feeds: HostTensors): Promise<Held>;
  /** A KV cache kept where the graphs run, for runs that name it (RunOptions.cache); generate needs one. */
  openCache?(shape: KvCacheShape): Promise<Held>;
  drop?(held: Held): Promise<void>;
}

/** What sessionCacheRunner keeps for a hold() or openCache(): the feeds or the cache themselves. */
class LocalHeld implements Held {
  constructor(
    readonly kind: Held['kind'],
    readonly feeds: HostTensors,
    readonly cache?: KvCacheBuffers,
  ) {}
}

function local(held?: Held): LocalHeld | undefined {
  if (held === undefined || held instanceof LocalHeld) return held;
  throw new InputError(`sessionCacheRunner: this held ${held.kind} was made by another runner`);
}

/** Runs on the calling thread through a SessionCache: feeds are handed to ORT as views, so nothing is copied. */
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
      const all = { ...local(options.held)?.feeds, ...feeds };
      const kv = local(options.cache)?.cache;
      return kv ? runWithCache((f) => cache.run(loaded, f), all, kv) : cache.run(loaded, all);
    },
    async release(graph) {
      const key = keys.get(graph);
      if (key) await cache.unload(await key);
    },
    async hold(feeds) {
      return new LocalHeld('feeds', feeds);
    },
    async openCache(shape) {
      return new LocalHeld('cache', {}, new KvCacheBuffers(shape));
    },
    async drop() {},
  };
}
