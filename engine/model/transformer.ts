import { InputError } from '../../core/errors';
import { Graph, Tensor, add, gather, matmul, mul, reciprocal, reduceMean, reshape, sigmoid, sqrt, transpose } from '../graph';
import { LayerCache, PastCache, cachedAttention, causalBias, selfAttention } from './attention';
import { ModelConfig, headDim } from './modelConfig';
import { applyRope, ropeAt, ropeTables } from './rope';
import { scalarHeadName, scalarHeadValues } from './scoreHead';

export interface TransformerInputs {
  /** [B, T] int64 token ids. */
  tokens: Tensor;
  /** [B, T] bool, true on real tokens of this call; padding keys are never attended to. */
  attentionMask: Tensor;
  /** [B, T] int64 RoPE positions, so left-padded rows can count from their first real token; default 0..T-1. */
  positions?: Tensor;
  /** Keys and values of the earlier tokens: this call's T tokens attend to them and, causally, to each other. */
  past?: PastCache;
}

export interface TransformerOutputs {
  /** [B, T, V]. */
  logits: Tensor;
  /** This call's keys and values per layer, in LayerCache's layouts with P = T. */
  cache: LayerCache[];
  /** The final-normed hidden states [B, T, D] the output projection reads. */
  hidden: Tensor;
  /** [B, T]: the scalar head at every position, when the config has one (see scoreHead.ts). */
  headValues?: Tensor;
}

function rmsNorm(x: Tensor, gain: Tensor, eps: number): Tensor {
  return mul(mul(x, reciprocal(sqrt(add(reduceMean(mul(x, x), [-1], true), eps)))), gain);
}

/**
 * Logits [..., V] of final-normed hidden states [..., D]: the output projection alone, so a graph that needs the
 * logits of a few positions (a decode step's last column, a completion's tokens) projects only those.
 */
export function vocabularyLogits(config: ModelConfig, weights: Record<string, Tensor>, hidden: Tensor): Tensor {
  const embed = weights.embed;
  const head = config.tiedEmbeddings ? embed && transpose(embed, [1, 0]) : weights.lmHead;
  if (!head) throw new InputError(`transformer: missing weight ${config.tiedEmbeddings ? 'embed' : 'lmHead'}`);
  return matmul(hidden, head);
}

/** Logits [B, T, V] of a Llama/Qwen2/Qwen3 decoder over `weights` (graph tensors named as parameterSpecs names them). */
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
  if (past && past.layers.length !== config.nLayers) throw new InputError(`transformer: past has ${past.layers.length} layers, the model ${config.nLayers}`);
  if (past && !positions) throw new InputError('transformer: continuing from a cache needs explicit positions');
  const rope = positions ? ropeAt(positions, ropeTables(g, dtype, config.maxSeqLen, Dh, config.ropeTheta)) : ropeTables(g, dtype, T, Dh, config.ropeTheta);

  // Query heads are grouped by the key/value head they share: [B, Hkv, group, T, Dh] against [B, Hkv, 1, T, Dh].
  const heads = (x: Tensor, n: number, perGroup: number): Tensor => transpose(reshape(x, [B, T, n / perGroup, perGroup, Dh]), [0, 2, 3, 1, 4]);
  const project = (x: Tensor, weight: string, bias: string): Tensor => (config.qkvBias ? add(matmul(x, w(weight)), w(bias)) : matmul(x, w(weight)));

  // Unused (and pruned from the graph) when continuing from a cache.
  const selfBias = causalBias(attentionMask, dtype);
  const cache: LayerCache[] = [];
  let x = gather(w('embed'), tokens, 0);
  for (let l = 0; l < config.nLayers; l++) {
    const p = `layer${l}.`;
    const h = rmsNorm(x, w(`${p}attnNorm`), eps);
    // Qwen3 normalises each head's queries and keys before rotating them.
    const headNorm = (x: Tensor, gain: string): Tensor => (config.qkNorm ? rmsNorm(x, w(`${p}${gain}`), eps) : x);
    const q = applyRope(headNorm(heads(project(h, `${p}wq`, `${p}bq`), H, group), 'qNorm'), rope);
    const kNew = applyRope(headNorm(heads(project(h, `${p}wk`, `${p}bk`), Hkv, 1), 'kNorm'), rope);
    const vNew = heads(project(h, `${p}wv`, `${p}bv`), Hkv, 1);
    const fresh = { keys: reshape(kNew, [B, Hkv, T, Dh]), values: reshape(vNew, [B, Hkv, T, Dh]) };
    cache.push(fresh);
    const attended = past ? cachedAttention(q, fresh, attentionMask, past.layers[l], past.mask) : selfAttention(q, kNew, vNew, selfBias);
    const merged = reshape(transpose(attended, [0, 3, 1, 2, 4]), [B, T, H * Dh]);
    x = add(x, matmul(merged, w(`${p}wo`)));
    const m = rmsNorm(x, w(`${p}mlpNorm`), eps);
    const gate = matmul(m, w(`${p}wGate`));
    x = add(x, matmul(mul(mul(gate, sigmoid(gate)), matmul(m, w(`${p}wUp`))), w(`${p}wDown`)));
  }
  const out = rmsNorm(x, w('finalNorm'), eps);
  const logits = vocabularyLogits(config, weights, out);
  const headValues = config.scalarHead ? scalarHeadValues(out, w(scalarHeadName(config.scalarHead))) : undefined;
  return { logits, cache, hidden: out, headValues };
}
