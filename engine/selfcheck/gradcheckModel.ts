import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { gradcheck } from '../autodiff';
import { Graph, Tensor, constant, scalar } from '../graph';
import { ModelConfig, initParameters, parameterCount, parameterSpecs, transformerLogits, validateModelConfig } from '../model';
import { SessionCache } from '../runtime/sessionCache';
import { POLICY_LOSS_PRESETS, PolicyLossName, TRAIN_LOSS_NAMES, TrainLossName, clippedPolicyLoss, groupAdvantages, sftLoss, tokenLogProbs } from '../train';

/** The bound for autodiff against float64 central differences over a whole model. */
export const GRADCHECK_MAX_RELATIVE_ERROR = 1e-5;

/**
 * A miniature Llama/Qwen2 model (GQA, qkv bias, untied head), small enough that every one of its parameter elements
 * is checked by finite differences in about a second.
 */
export const GRADCHECK_MODEL: ModelConfig = validateModelConfig({
  vocabSize: 11, dModel: 8, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 12, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: false,
});

/** Two sequences, the second right-padded; the last tokens of each are the response. */
const [B, T] = [2, 6];
const REAL_TOKENS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
const RESPONSE_MASK = [0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0];
/**
 * log(rho) of each response token, cycled: inside the clip range (rho 1.05, 0.95), above 1 + eps_high (1.65) and
 * below 1 - eps_low (0.61). Finite-difference steps move log-probs far less than the distance to a clip boundary,
 * so no evaluation straddles a kink.
 */
const LOG_RATIOS = [0.05, 0.5, -0.5, -0.05];
/** log-prob minus reference log-prob of each response token, cycled. */
const REF_GAPS = [0.3, -0.2, 0.1, -0.4];
/** The rewards of the one group of two; its advantages are nonzero with and without std normalisation. */
const REWARDS = [1, 0.25];
/** GRPO's own beta is small; a larger KL weight makes the KL term's gradient a real part of what is checked. */
const CHECKED_KL_BETA = 0.5;

export interface GradcheckModelResult {
  loss: TrainLossName;
  maxRelativeError: number;
  /** Parameter elements of the model. */
  parameters: number;
  /** Parameter elements compared with finite differences. */
  checked: number;
  ok: boolean;
  worst: { parameter: string; index: number; analytic: number; numeric: number };
}

interface BatchTensors {
  tokens: Tensor;
  attentionMask: Tensor;
  targets: Tensor;
  mask: Tensor;
}

type LossOfWeights = (weights: Tensor[]) => Tensor;

/**
 * Autodiff gradients of a seeded random model under `loss` against float64 fourth-order central differences, over
 * every parameter element; max relative error |a - b| / max(|a|, |b|, 1e-8). The core of `drl engine gradcheck`.
 */
export async function gradcheckModel(options: { seed: number; loss?: TrainLossName }): Promise<GradcheckModelResult> {
  const { seed, loss = 'sft' } = options;
  if (!TRAIN_LOSS_NAMES.includes(loss)) throw new InputError(`gradcheck: unknown loss ${loss}; expected one of ${TRAIN_LOSS_NAMES.join(', ')}`);
  const specs = parameterSpecs(GRADCHECK_MODEL);
  // A larger init than training uses keeps gradients well above the finite-difference noise.
  const weights = initParameters(GRADCHECK_MODEL, seed, 0.3);
  const rng = Rng.derive(seed, 'gradcheck-batch');
  const tokens = REAL_TOKENS.map((real) => (real ? 1 + rng.int(GRADCHECK_MODEL.vocabSize - 1) : 0));
  const batchIn = (g: Graph): BatchTensors => ({
    tokens: constant(g, { dtype: 'int64', shape: [B, T], values: tokens }),
    attentionMask: constant(g, { dtype: 'bool', shape: [B, T], values: REAL_TOKENS.map(Boolean) }),
    targets: constant(g, { dtype: 'int64', shape: [B, T], values: [...tokens.slice(1), 0] }),
    mask: constant(g, { dtype: 'float64', shape: [B, T], values: RESPONSE_MASK }),
  });
  const logitsOf = (xs: Tensor[], batch: BatchTensors): Tensor => transformerLogits(GRADCHECK_MODEL, Object.fromEntries(specs.map((s, i) => [s.name, xs[i]])), batch);
  const modelLogProbs = (xs: Tensor[]): Tensor => {
    const batch = batchIn(xs[0].graph);
    return tokenLogProbs(logitsOf(xs, batch), batch.targets);
  };
  const sft: LossOfWeights = (xs) => {
    const batch = batchIn(xs[0].graph);
    return sftLoss(logitsOf(xs, batch), batch.targets, batch.mask);
  };
  const lossOf = loss === 'sft' ? sft : policyLossNear(loss, await currentLogProbs(weights, modelLogProbs), modelLogProbs, batchIn);
  const inputs = specs.map((s) => ({ name: s.name, shape: s.shape, values: Array.from(weights.get(s.name) as Float64Array) }));
  const result = await gradcheck(lossOf, inputs, { seed });
  return {
    loss,
    maxRelativeError: result.maxRelError,
    parameters: parameterCount(GRADCHECK_MODEL),
    checked: inputs.reduce((n, i) => n + i.values.length, 0),
    ok: result.maxRelError <= GRADCHECK_MAX_RELATIVE_ERROR,
    worst: { parameter: result.worst.input, index: result.worst.index, analytic: result.worst.analytic, numeric: result.worst.numeric },
  };
}

/** Each response token's value minus the cycled gaps; 0 off the response. */
function shiftedOnResponse(logProbs: number[], gaps: number[]): number[] {
  let k = 0;
  return logProbs.map((x, i) => (RESPONSE_MASK[i] ? x - gaps[k++ % gaps.length] : 0));
}

/** The preset's policy loss with old and reference log-probs at fixed gaps from the model's current log-probs. */
function policyLossNear(name: PolicyLossName, current: number[], logProbsOf: (xs: Tensor[]) => Tensor, batchIn: (g: Graph) => BatchTensors): LossOfWeights {
  const preset = POLICY_LOSS_PRESETS[name];
  const oldLogProbs = shiftedOnResponse(current, LOG_RATIOS);
  const refLogProbs = shiftedOnResponse(current, REF_GAPS);
  const advantages = Array.from(groupAdvantages(REWARDS, REWARDS.length, { normalise: preset.normaliseAdvantages }));
  return (xs) => {
    const g = xs[0].graph;
    const perToken = (values: number[]) => constant(g, { dtype: 'float64', shape: [B, T], values });
    const s = (v: number) => scalar(g, 'float64', v);
    const kl = 'kl' in preset ? { estimator: preset.kl, beta: s(CHECKED_KL_BETA) } : undefined;
    const inputs = { logProbs: logProbsOf(xs), oldLogProbs: perToken(oldLogProbs), refLogProbs: perToken(refLogProbs), advantages: constant(g, { dtype: 'float64', shape: [B], values: advantages }), mask: batchIn(g).mask };
    return clippedPolicyLoss(inputs, { epsLow: s(preset.defaults.epsLow), epsHigh: s(preset.defaults.epsHigh), aggregation: preset.aggregation, kl, maxResponseLength: s(T) }).loss;
  };
}

/** One forward run for the log-probs the old and reference policies are placed around. */
async function currentLogProbs(weights: Map<string, Float64Array>, logProbsOf: (xs: Tensor[]) => Tensor): Promise<number[]> {
  const specs = parameterSpecs(GRADCHECK_MODEL);
  const g = new Graph('gradcheck-log-probs');
  g.output(logProbsOf(specs.map((s) => g.input(s.name, 'float64', s.shape))), 'logProbs');
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  try {
    const feeds = Object.fromEntries(specs.map((s) => [s.name, { dtype: 'float64' as const, dims: s.shape, data: weights.get(s.name) as Float64Array }]));
    return Array.from((await cache.run(await cache.load(g.toOnnxBytes()), feeds)).logProbs.data as Float64Array);
  } finally {
    await cache.release();
  }
}
