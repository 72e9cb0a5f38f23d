import { Rng } from '../../core/rng';
import { ModelConfig, validateModelConfig } from '../model';
import type { TrainLossName } from '../train';

/**
 * A miniature Llama/Qwen2 model (GQA, qkv bias, untied head), small enough that every one of its parameter elements
 * is checked by finite differences in about a second.
 */
export const GRADCHECK_MODEL: ModelConfig = validateModelConfig({
  vocabSize: 11, dModel: 8, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 12, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: false,
});

/** The miniature model in Qwen3's shape: per-head q/k norms, no biases, heads wider than dModel / nHeads. */
export const GRADCHECK_QWEN3_MODEL: ModelConfig = validateModelConfig({ ...GRADCHECK_MODEL, qkvBias: false, qkNorm: true, headDim: 4 });

export type GradcheckShape = 'qwen2' | 'qwen3';

/** The miniature model with the scalar head the loss trains: rm scores, ppo values. */
export function gradcheckModelConfig(loss: TrainLossName, shape: GradcheckShape = 'qwen2'): ModelConfig {
  const model = shape === 'qwen3' ? GRADCHECK_QWEN3_MODEL : GRADCHECK_MODEL;
  if (loss === 'rewardModel') return validateModelConfig({ ...model, scalarHead: 'score' });
  if (loss === 'ppo') return validateModelConfig({ ...model, scalarHead: 'value' });
  return model;
}

export const SEQ_LEN = 6;
/**
 * Rows of six columns: two rollouts (the second right-padded) whose last tokens are the response; for DPO and the
 * reward model they are a chosen and a rejected response. ContextRL appends two contrastive prompts, the second
 * right-padded too.
 */
const REAL_TOKENS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
export const RESPONSE_MASK = [0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0];
/** The contrastive prompts' answer columns (each one's last real token). */
export const CHOICE_POSITIONS = [5, 4];

export interface GradcheckBatch {
  rows: number;
  /** Row-major [rows, SEQ_LEN]; 0 on padding. */
  tokens: number[];
  realTokens: number[];
  /** The next token at each column. */
  targets: number[];
}

/** Seeded token ids; the first two rows are the same whatever the number of rows. */
export function gradcheckBatch(seed: number, loss: TrainLossName, vocabSize: number): GradcheckBatch {
  const rng = Rng.derive(seed, 'gradcheck-batch');
  const rows = loss === 'grpoContextMargin' ? 4 : 2;
  const realTokens = REAL_TOKENS.slice(0, rows * SEQ_LEN);
  const tokens = realTokens.map((real) => (real ? 1 + rng.int(vocabSize - 1) : 0));
  return { rows, tokens, realTokens, targets: [...tokens.slice(1), 0] };
}
