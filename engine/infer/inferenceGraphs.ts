import { hashOf } from '../../core/hash';
import { Graph, Tensor } from '../graph';
import { LayerCache, ModelConfig, headDim, parameterSpecs, transformer } from '../model';

/** Inference runs in float32; float64 serves the exactness checks. */
export type FloatDType = 'float32' | 'float64';

/**
 * Graph input and output names shared by the graphs and the code that feeds them. Weights are inputs (named as
 * parameterSpecs names them), so one session serves every checkpoint of a config.
 */
export const cacheName = (direction: 'past' | 'present', layer: number, part: 'keys' | 'values'): string => `${direction}.${layer}.${part}`;

function weightInputs(g: Graph, config: ModelConfig, dtype: FloatDType): Record<string, Tensor> {
  return Object.fromEntries(parameterSpecs(config).map((s) => [s.name, g.input(s.name, dtype, s.shape, { parameter: true })]));
}

function outputCache(g: Graph, cache: LayerCache[]): void {
  cache.forEach((c, l) => {
    g.output(c.keys, cacheName('present', l, 'keys'));
    g.output(c.values, cacheName('present', l, 'values'));
  });
}

/**
 * Prefill of [B, T] tokens: inputs tokens, attentionMask, positions; outputs logits [B, T, V] and, with `withCache`,
 * every layer's keys and values present.<l>.keys/values [T, B, Hkv, Dh].
 */
export function prefillGraph(config: ModelConfig, B: number, T: number, dtype: FloatDType, withCache: boolean): Graph {
  const g = new Graph(`prefill-${B}x${T}`);
  const weights = weightInputs(g, config, dtype);
  const out = transformer(config, weights, {
    tokens: g.input('tokens', 'int64', [B, T]),
    attentionMask: g.input('attentionMask', 'bool', [B, T]),
    positions: g.input('positions', 'int64', [B, T]),
  });
  g.output(out.logits, 'logits');
  if (withCache) outputCache(g, out.cache);
  return g;
}

/**
 * One decode step for B rows: inputs tokens [B, 1], positions [B, 1], attentionMask [B, context] over the cached
 * keys and the new one, past.<l>.keys/values [past, B, Hkv, Dh] (context = past + 1, both symbolic, so one graph
 * serves every length); outputs logits [B, 1, V] and only the new step's present.<l>.keys/values [1, B, Hkv, Dh].
 */
export function decodeGraph(config: ModelConfig, B: number, dtype: FloatDType): Graph {
  const g = new Graph(`decode-${B}`);
  const weights = weightInputs(g, config, dtype);
  const cacheShape = ['past', B, config.nKvHeads, headDim(config)];
  const past = Array.from({ length: config.nLayers }, (_, l) => ({
    keys: g.input(cacheName('past', l, 'keys'), dtype, cacheShape),
    values: g.input(cacheName('past', l, 'values'), dtype, cacheShape),
  }));
  const out = transformer(config, weights, {
    tokens: g.input('tokens', 'int64', [B, 1]),
    attentionMask: g.input('attentionMask', 'bool', [B, 'context']),
    positions: g.input('positions', 'int64', [B, 1]),
    past,
  });
  g.output(out.logits, 'logits');
  outputCache(g, out.cache);
  return g;
}

/**
 * Serialized graphs, kept per config and shape: the runtime caches sessions by the bytes' object identity first,
 * so handing back the same array skips hashing megabytes on every step.
 */
const serialized = new Map<string, Uint8Array>();

export function graphBytes(kind: 'prefill' | 'score' | 'decode', config: ModelConfig, dtype: FloatDType, B: number, T = 1): Uint8Array {
  const key = `${hashOf(config)}/${kind}/${dtype}/${B}x${T}`;
  let bytes = serialized.get(key);
  if (!bytes) {
    bytes = (kind === 'decode' ? decodeGraph(config, B, dtype) : prefillGraph(config, B, T, dtype, kind === 'prefill')).toOnnxBytes();
    serialized.set(key, bytes);
  }
  return bytes;
}
