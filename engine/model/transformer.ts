import { InputError } from '../../core/errors';
import { Dim, Graph, Tensor, add, and, constant, div, gather, matmul, mul, reciprocal, reduceMean, reshape, scalar, sigmoid, softmax, sqrt, transpose, unsqueeze, where } from '../graph';
import { ModelConfig, headDim } from './modelConfig';
import { applyRope, ropeAt, ropeTables } from './rope';
import { scalarHeadName, scalarHeadValues } from './scoreHead';

/** Added to the scores of masked keys: finite, so a row with every key masked stays a uniform softmax, not NaN. */
const MASKED_SCORE = -1e9;

export interface TransformerInputs {
  /** [B, T] int64 token ids. */
  tokens: Tensor;
  /**
   * [B, T] bool, true on real tokens; padding keys are never attended to. With `past`, it covers the cached keys and
   * the new ones: [B, P + T].
   */
  attentionMask: Tensor;
  /** [B, T] int64 RoPE positions, so left-padded rows can count from their first real token; default 0..T-1. */
  positions?: Tensor;
  /** Keys and values of the earlier tokens, one entry per layer (see LayerCache); decoding with it takes T = 1. */
  past?: LayerCache[];
}

/**
 * One layer's keys or values, time-major [T, B, Hkv, Dh] (keys after RoPE): the first t steps of a preallocated
 * buffer are then a contiguous prefix, so a decode step reads the cache without copying it. T may be symbolic.
 */
export interface LayerCache {
  keys: Tensor;
  values: Tensor;
}

export interface TransformerOutputs {
  /** [B, T, V]. */
  logits: Tensor;
  /** This call's keys and values per layer, [T, B, Hkv, Dh]: all of them for a prefill, the new step's for a decode. */
  cache: LayerCache[];
  /** The final-normed hidden states [B, T, D] the output projection reads. */
  hidden: Tensor;
  /** [B, T]: the scalar head at every position, when the config has one (see scoreHead.ts). */
  headValues?: Tensor;
}

function rmsNorm(x: Tensor, gain: Tensor, eps: number): Tensor {
  return mul(mul(x, reciprocal(sqrt(add(reduceMean(mul(x, x), [-1], true), eps)))), gain);
}

/** Logits [B, T, V] of a Llama/Qwen2 decoder over `weights` (graph tensors named as parameterSpecs names them). */
export function transformerLogits(config: ModelConfig, weights: Record<string, Tensor>, inputs: TransformerInputs): Tensor {
  return transformer(config, weights, inputs).logits;
}

/** The decoder's logits and its keys and values, optionally continuing from cached ones (prefill and decode). */
export function transformer(config: ModelConfig, weights: Record<string, Tensor>, inputs: TransformerInputs): TransformerOutputs {
  const { tokens, attentionMask, positions, past } = inputs;
  const [B, T] = tokens.shape as number[];
  if (typeof B !== 'number' || typeof T !== 'number') throw new InputError(`transformer: tokens need a static [B, T] shape, got ${tokens}`);
  if (T > config.maxSeqLen) throw new InputError(`transformer: sequence length ${T} exceeds maxSeqLen ${config.maxSeqLen}`);
  const w = (name: string): Tensor => {
    const t = weights[name];
    if (!t) throw new InputError(`transformer: missing weight ${name}`);
    return t;
  };
  const g: Graph = tokens.graph;
  const dtype = w('embed').dtype;
  const { nHeads: H, nKvHeads: Hkv, rmsNormEps: eps } = config;
  const Dh = headDim(config);
  const group = H / Hkv;
  if (past && past.length !== config.nLayers) throw new InputError(`transformer: past has ${past.length} layers, the model ${config.nLayers}`);
  if (past && T !== 1) throw new InputError(`transformer: decoding from a cache takes one token per row, got T = ${T}`);
  const rope = positions ? ropeAt(positions, ropeTables(g, dtype, config.maxSeqLen, Dh, config.ropeTheta)) : ropeTables(g, dtype, T, Dh, config.ropeTheta);

  // Keys are the cached ones followed by this call's; a single new query may attend to all of them, so only
  // padding is masked. Without a cache the keys are this call's, masked causally.
  const keyIsReal = unsqueeze(attentionMask, [1, 2, 3]);
  const keyCount = attentionMask.shape[1];
  const causal = constant(g, { dtype: 'bool', shape: [T, T], values: Array.from({ length: T * T }, (_, i) => i % T <= Math.floor(i / T)) });
  const scoreBias = where(past ? keyIsReal : and(causal, keyIsReal), scalar(g, dtype, 0), scalar(g, dtype, MASKED_SCORE));

  // Query heads are grouped by the key/value head they share: [B, Hkv, group, T, Dh] against [B, Hkv, 1, T, Dh].
  const heads = (x: Tensor, n: number, perGroup: number): Tensor => transpose(reshape(x, [B, T, n / perGroup, perGroup, Dh]), [0, 2, 3, 1, 4]);
  const project = (x: Tensor, weight: string, bias: string): Tensor => (config.qkvBias ? add(matmul(x, w(weight)), w(bias)) : matmul(x, w(weight)));

  // [B, Hkv, 1, T, Dh] <-> the time-major [T, B, Hkv, Dh] of LayerCache.
  const toCache = (x: Tensor): Tensor => transpose(reshape(x, [B, Hkv, T, Dh]), [2, 0, 1, 3]);
  const fromCache = (x: Tensor): Tensor => unsqueeze(transpose(x, [1, 2, 0, 3]), [2]);
  const withPast = (cached: Tensor | undefined, x: Tensor): Tensor => (cached ? appendAlongTime(fromCache(cached), x, keyCount) : x);

  const cache: LayerCache[] = [];
  let x = gather(w('embed'), tokens, 0);
  for (let l = 0; l < config.nLayers; l++) {
    const p = `layer${l}.`;
    const h = rmsNorm(x, w(`${p}attnNorm`), eps);
    const q = applyRope(heads(project(h, `${p}wq`, `${p}bq`), H, group), rope);
    const kNew = applyRope(heads(project(h, `${p}wk`, `${p}bk`), Hkv, 1), rope);
    const vNew = heads(project(h, `${p}wv`, `${p}bv`), Hkv, 1);
    cache.push({ keys: toCache(kNew), values: toCache(vNew) });
    const k = withPast(past?.[l].keys, kNew);
    const v = withPast(past?.[l].values, vNew);
    const scores = add(div(matmul(q, transpose(k, [0, 1, 2, 4, 3])), Math.sqrt(Dh)), scoreBias);
    const attended = matmul(softmax(scores, -1), v);
    const merged = reshape(transpose(attended, [0, 3, 1, 2, 4]), [B, T, H * Dh]);
    x = add(x, matmul(merged, w(`${p}wo`)));
    const m = rmsNorm(x, w(`${p}mlpNorm`), eps);
    const gate = matmul(m, w(`${p}wGate`));
    x = add(x, matmul(mul(mul(gate, sigmoid(gate)), matmul(m, w(`${p}wUp`))), w(`${p}wDown`)));
  }
  const out = rmsNorm(x, w('finalNorm'), eps);
  const logits = matmul(out, config.tiedEmbeddings ? transpose(w('embed'), [1, 0]) : w('lmHead'));
  const headValues = config.scalarHead ? scalarHeadValues(out, w(scalarHeadName(config.scalarHead))) : undefined;
  return { logits, cache, hidden: out, headValues };
}

/**
 * Concat on the time axis of [B, Hkv, 1, time, Dh]. The builder's concat wants static sizes; the cached length is
 * symbolic (one decode graph serves every context length), so the result takes the key mask's dim.
 */
function appendAlongTime(cached: Tensor, fresh: Tensor, keyCount: Dim): Tensor {
  const cachedLength = cached.shape[3];
  if (typeof cachedLength === 'number' && typeof keyCount === 'number' && cachedLength + 1 !== keyCount) {
    throw new InputError(`transformer: the attention mask covers ${keyCount} keys, but the cache holds ${cachedLength} plus the new one`);
  }
  const shape = fresh.shape.map((d, i) => (i === 3 ? keyCount : d));
  return cached.graph.node('Concat', [cached, fresh], [{ dtype: fresh.dtype, shape }], { axis: { int: 3 } })[0];
}
