export { Engine } from './engine';
export { SessionCache, graphKey } from './sessionCache';
export { resolveRuntimeOptions } from './runtimeOptions';
export type { ExecutionProvider, GraphOptimization, RuntimeOptions, ResolvedRuntimeOptions } from './runtimeOptions';
export type { HostTensor, HostTensors } from './hostTensor';
export type { Held, RunOptions } from './runOptions';
export { KvCacheBuffers, PAST_MASK, cacheName, runWithCache } from './kvCache';
export type { KvCacheShape } from './kvCache';
