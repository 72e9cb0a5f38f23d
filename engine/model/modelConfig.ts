import { InputError } from '../../core/errors';
import { SCALAR_HEAD_KINDS, ScalarHeadKind } from './scoreHead';

/** A decoder-only transformer in the Llama/Qwen2/Qwen3 layout. */
export interface ModelConfig {
  vocabSize: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Key/value heads; fewer than nHeads is grouped-query attention. */
  nKvHeads: number;
  /** Width of the SwiGLU hidden layer. */
  dFf: number;
  maxSeqLen: number;
  ropeTheta: number;
  rmsNormEps: number;
  /** Qwen2 adds biases to the q, k and v projections; Llama has none. */
  qkvBias: boolean;
  /** The output projection reuses the embedding table. */
  tiedEmbeddings: boolean;
  /** Width of one attention head when it is not dModel / nHeads (Qwen3 sets it apart). */
  headDim?: number;
  /** Qwen3's per-head RMSNorm of queries and keys before RoPE, with the model's rmsNormEps. */
  qkNorm?: boolean;
  /** A reward model's score head or PPO's value head (scoreHead.ts); absent on a plain language model. */
  scalarHead?: ScalarHeadKind;
}

/** 256 byte values plus the special tokens of engine/tokenizer/byteTokenizer.ts (bos, eos, pad, 5 reserved). */
const BYTE_VOCAB = 264;
const common = { vocabSize: BYTE_VOCAB, maxSeqLen: 1024, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true };

export const namedSizes = {
  tiny: { ...common, dModel: 128, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 384 },
  small: { ...common, dModel: 256, nLayers: 6, nHeads: 8, nKvHeads: 4, dFf: 768 },
  base: { ...common, dModel: 512, nLayers: 8, nHeads: 8, nKvHeads: 4, dFf: 1536 },
} satisfies Record<string, ModelConfig>;

export type NamedSize = keyof typeof namedSizes;

/**
 * A named size with its maxSeqLen overridden (default 1,024), so rows of any length fit. Nothing else depends on it:
 * the graphs build RoPE tables for their own length, or for maxSeqLen where they take positions.
 */
export function modelOfSize(size: NamedSize, overrides: { maxSeqLen?: number } = {}): ModelConfig {
  if (!Object.hasOwn(namedSizes, size)) throw new InputError(`model size: unknown size ${JSON.stringify(size)} (known: ${Object.keys(namedSizes).join(', ')})`);
  return validateModelConfig({ ...namedSizes[size], maxSeqLen: overrides.maxSeqLen ?? namedSizes[size].maxSeqLen });
}

export function headDim(config: ModelConfig): number {
  return config.headDim ?? config.dModel / config.nHeads;
}

export function validateModelConfig(config: ModelConfig): ModelConfig {
  const fail = (why: string): never => {
    throw new InputError(`model config: ${why}`);
  };
  for (const key of ['vocabSize', 'dModel', 'nLayers', 'nHeads', 'nKvHeads', 'dFf', 'maxSeqLen'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) fail(`${key} must be a positive integer, got ${config[key]}`);
  }
  if (config.headDim !== undefined && (!Number.isInteger(config.headDim) || config.headDim < 1)) fail(`headDim must be a positive integer, got ${config.headDim}`);
  if (config.headDim === undefined && config.dModel % config.nHeads !== 0) fail(`dModel ${config.dModel} must divide into nHeads ${config.nHeads} (or set headDim)`);
  if (headDim(config) % 2 !== 0) fail(`head dim ${headDim(config)} must be even for RoPE`);
  if (config.nHeads % config.nKvHeads !== 0) fail(`nHeads ${config.nHeads} must be a multiple of nKvHeads ${config.nKvHeads}`);
  if (config.qkNorm !== undefined && typeof config.qkNorm !== 'boolean') fail(`qkNorm must be true or false, got ${JSON.stringify(config.qkNorm)}`);
  if (config.scalarHead !== undefined && !SCALAR_HEAD_KINDS.includes(config.scalarHead)) {
    fail(`scalarHead must be one of ${SCALAR_HEAD_KINDS.join(', ')}, got ${JSON.stringify(config.scalarHead)}`);
  }
  return config;
}
