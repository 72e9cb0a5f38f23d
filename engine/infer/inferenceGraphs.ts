import { hashOf } from '../../core/hash';
import { Graph, Tensor, reshape, slice } from '../graph';
import { PAST_MASK, cacheName } from '../runtime/kvCache';
import { LayerCache, ModelConfig, TransformerOutputs, headDim, parameterSpecs, transformer, vocabularyLogits } from '../model';

/** Inference runs in float32; float64 serves the exactness checks. */
export type FloatDType = 'float32' | 'float64';

/**
 * Graph input and output names shared by the graphs and the code that feeds them. Weights are inputs (named as
 * parameterSpecs names them), so one session serves every checkpoint of a config; or, for weights that stay fixed,
 * initializers (see FixedWeights), which ORT pre-packs for its matmuls.
 */

/** Weights baked into a graph: values checked by weightFeeds, in the dtype of the graph. */
export type FixedWeights = ReadonlyMap<string, Float32Array | Float64Array>;

function weightTensors(g: Graph, config: ModelConfig, dtype: FloatDType, fixed?: FixedWeights): Record<string, Tensor> {
  return Object.fromEntries(
    parameterSpecs(config).map((s) => {
      const values = fixed?.get(s.name);
      return [s.name, values ? g.initializer(s.name, { dtype, shape: s.shape, values }) : g.input(s.name, dtype, s.shape, { parameter: true })];
    }),
  );
}

/**
 * lastLogits [B, V]: the logits at each row's last column, all a sampler reads (rows are left-padded). Projecting
 * the one column instead of all T saves T - 1 of every T output rows, most of a prefill at a 150k vocabulary.
 */
function outputLastLogits(g: Graph, config: ModelConfig, weights: Record<string, Tensor>, out: TransformerOutputs, B: number, T: number): void {
  const last = reshape(slice(out.hidden, [T - 1], [T], [1]), [B, config.dModel]);
  g.output(vocabularyLogits(config, weights, last), 'lastLogits');
}

function outputCache(g: Graph, cache: LayerCache[]): void {
  cache.forEach((c, l) => {
    g.output(c.keys, cacheName('present', l, 'keys'));
    g.output(c.values, cacheName('present', l, 'values'));
  });
}

/**
 * Prefill of [B, T] tokens: inputs tokens, attentionMask, positions. With `withCache` (generation) it outputs
 * lastLogits [B, V] and every layer's keys and values present.<l>.keys/values [B, Hkv, T, Dh]; without (scoring)
 * logits [B, T, V].
 */
export function prefillGraph(config: ModelConfig, B: number, T: number, dtype: FloatDType, withCache: boolean, fixed?: FixedWeights): Graph {
  const g = new Graph(`prefill-${B}x${T}`);
  const weights = weightTensors(g, config, dtype, fixed);
  const out = transformer(config, weights, {
    tokens: g.input('tokens', 'int64', [B, T]),
    attentionMask: g.input('attentionMask', 'bool', [B, T]),
    positions: g.input('positions', 'int64', [B, T]),
  });
  if (withCache) {
    outputLastLogits(g, config, weights, out, B, T);
    outputCache(g, out.cache);
  } else {
    g.output(out.logits, 'logits');
  }
  return g;
}

/**
 * T new tokens per row after cached ones (T = 1: a decode step; more: inserted text such as a tool's observation).
 * Inputs: tokens, positions and attentionMask [B, T] of the new tokens; the cache as KvCacheBuffers feeds it,
 * past.<l>.keys/values [B, Hkv, capacity, Dh] and pastMask [B, capacity] (capacity
 * symbolic, so one graph serves every length). Outputs lastLogits [B, V] and only the new tokens' keys and values,
 * present.<l>.keys/values [B, Hkv, T, Dh].
 */
export function decodeGraph(config: ModelConfig, B: number, T: number, dtype: FloatDType, fixed?: FixedWeights): Graph {
  const g = new Graph(`decode-${B}x${T}`);
  const weights = weightTensors(g, config, dtype, fixed);
  const [Hkv, Dh] = [config.nKvHeads, headDim(config)];
  const layers = Array.from({ length: config.nLayers }, (_, l) => ({
    keys: g.input(cacheName('past', l, 'keys'), dtype, [B, Hkv, 'capacity', Dh]),
    values: g.input(cacheName('past', l, 'values'), dtype, [B, Hkv, 'capacity', Dh]),
  }));
  const out = transformer(config, weights, {
    tokens: g.input('tokens', 'int64', [B, T]),
    attentionMask: g.input('attentionMask', 'bool', [B, T]),
    positions: g.input('positions', 'int64', [B, T]),
    past: { layers, mask: g.input(PAST_MASK, 'bool', [B, 'capacity']) },
  });
  outputLastLogits(g, config, weights, out, B, T);
  outputCache(g, out.cache);
  return g;
}

/**
 * Serialized graphs, kept per config and shape: the runtime caches sessions by the bytes' object identity first,
 * so handing back the same array skips hashing megabytes on every step. Graphs holding fixed weights are kept per
 * weights object, so they go when it does.
 */
const serialized = new Map<string, Uint8Array>();
const serializedWithWeights = new WeakMap<FixedWeights, Map<string, Uint8Array>>();

export function graphBytes(kind: 'prefill' | 'score' | 'decode', config: ModelConfig, dtype: FloatDType, B: number, T = 1, fixed?: FixedWeights): Uint8Array {
  const key = `${hashOf(config)}/${kind}/${dtype}/${B}x${T}`;
  let graphs = serialized;
  if (fixed) {
    graphs = serializedWithWeights.get(fixed) ?? new Map();
    serializedWithWeights.set(fixed, graphs);
  }
  let bytes = graphs.get(key);
  if (!bytes) {
    bytes = (kind === 'decode' ? decodeGraph(config, B, T, dtype, fixed) : prefillGraph(config, B, T, dtype, kind === 'prefill', fixed)).toOnnxBytes();
    graphs.set(key, bytes);
  }
  return bytes;
}

/** The graphs graphBytes serialized with these fixed weights, forgotten here: the caller releases their sessions. */
export function forgetFixedGraphs(fixed: FixedWeights): Uint8Array[] {
  const graphs = [...(serializedWithWeights.get(fixed)?.values() ?? [])];
  serializedWithWeights.delete(fixed);
  return graphs;
}
