import { InputError } from '../../core/errors';
import { Graph, Tensor, add, and, constant, div, gather, matmul, mul, reciprocal, reduceMean, reshape, scalar, sigmoid, softmax, sqrt, transpose, where } from '../graph';
import { ModelConfig, headDim } from './modelConfig';
import { applyRope, ropeTables } from './rope';

/** Added to the scores of masked keys: finite, so a row with every key masked stays a uniform softmax, not NaN. */
const MASKED_SCORE = -1e9;

export interface TransformerInputs {
  /** [B, T] int64 token ids. */
  tokens: Tensor;
  /** [B, T] bool, true on real tokens; padding keys are never attended to. Padding goes on the right. */
  attentionMask: Tensor;
}

function rmsNorm(x: Tensor, gain: Tensor, eps: number): Tensor {
  return mul(mul(x, reciprocal(sqrt(add(reduceMean(mul(x, x), [-1], true), eps)))), gain);
}

/** Logits [B, T, V] of a Llama/Qwen2 decoder over `weights` (graph tensors named as parameterSpecs names them). */
export function transformerLogits(config: ModelConfig, weights: Record<string, Tensor>, inputs: TransformerInputs): Tensor {
  const { tokens, attentionMask } = inputs;
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
  const rope = ropeTables(g, dtype, T, Dh, config.ropeTheta);

  const causal = constant(g, { dtype: 'bool', shape: [T, T], values: Array.from({ length: T * T }, (_, i) => i % T <= Math.floor(i / T)) });
  const keyIsReal = reshape(attentionMask, [B, 1, 1, 1, T]);
  const scoreBias = where(and(causal, keyIsReal), scalar(g, dtype, 0), scalar(g, dtype, MASKED_SCORE));

  // Query heads are grouped by the key/value head they share: [B, Hkv, group, T, Dh] against [B, Hkv, 1, T, Dh].
  const heads = (x: Tensor, n: number, perGroup: number): Tensor => transpose(reshape(x, [B, T, n / perGroup, perGroup, Dh]), [0, 2, 3, 1, 4]);
  const project = (x: Tensor, weight: string, bias: string): Tensor => (config.qkvBias ? add(matmul(x, w(weight)), w(bias)) : matmul(x, w(weight)));

  let x = gather(w('embed'), tokens, 0);
  for (let l = 0; l < config.nLayers; l++) {
    const p = `layer${l}.`;
    const h = rmsNorm(x, w(`${p}attnNorm`), eps);
    const q = applyRope(heads(project(h, `${p}wq`, `${p}bq`), H, group), rope);
    const k = applyRope(heads(project(h, `${p}wk`, `${p}bk`), Hkv, 1), rope);
    const v = heads(project(h, `${p}wv`, `${p}bv`), Hkv, 1);
    const scores = add(div(matmul(q, transpose(k, [0, 1, 2, 4, 3])), Math.sqrt(Dh)), scoreBias);
    const attended = matmul(softmax(scores, -1), v);
    const merged = reshape(transpose(attended, [0, 3, 1, 2, 4]), [B, T, H * Dh]);
    x = add(x, matmul(merged, w(`${p}wo`)));
    const m = rmsNorm(x, w(`${p}mlpNorm`), eps);
    const gate = matmul(m, w(`${p}wGate`));
    x = add(x, matmul(mul(mul(gate, sigmoid(gate)), matmul(m, w(`${p}wUp`))), w(`${p}wDown`)));
  }
  const out = rmsNorm(x, w('finalNorm'), eps);
  return matmul(out, config.tiedEmbeddings ? transpose(w('embed'), [1, 0]) : w('lmHead'));
}
