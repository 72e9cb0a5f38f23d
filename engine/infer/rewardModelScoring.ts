import { InputError } from '../../core/errors';
import { hashOf } from '../../core/hash';
import { Graph } from '../graph';
import { ModelConfig, lastTokenValues, parameterSpecs, transformer } from '../model';
import { bucketLength } from './batchLayout';
import type { FloatDType } from './inferenceGraphs';
import { InferenceModel, weightFeeds } from './inferenceModel';
import type { ScoringItem } from './scoring';

function requireScoreHead(config: ModelConfig): void {
  if (config.scalarHead !== 'score') throw new InputError(`reward model: the model config needs scalarHead "score", it has ${config.scalarHead ? `"${config.scalarHead}"` : 'none'}`);
}

/**
 * A reward model's scores: inputs the weights, tokens [B, T] and attentionMask [B, T]; output scores [B], the score
 * head at each row's last real token. It is the forward of the rm train-step graph (no positions, so RoPE counts from
 * column 0; rows right-padded, as sequenceBatch lays them out), so a row scores here what the loss trained it to.
 */
export function rewardModelGraph(config: ModelConfig, B: number, T: number, dtype: FloatDType): Graph {
  requireScoreHead(config);
  const g = new Graph(`reward-model-${B}x${T}`);
  const weights = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, g.input(s.name, dtype, s.shape, { parameter: true })]));
  const attentionMask = g.input('attentionMask', 'bool', [B, T]);
  const out = transformer(config, weights, { tokens: g.input('tokens', 'int64', [B, T]), attentionMask });
  g.output(lastTokenValues(out.headValues!, attentionMask), 'scores');
  return g;
}

/** Serialized once per config and shape; the runtime finds its session by the bytes' identity. */
const serialized = new Map<string, Uint8Array>();

function rewardModelGraphBytes(config: ModelConfig, B: number, T: number, dtype: FloatDType): Uint8Array {
  const key = `${hashOf(config)}/${dtype}/${B}x${T}`;
  let bytes = serialized.get(key);
  if (!bytes) {
    bytes = rewardModelGraph(config, B, T, dtype).toOnnxBytes();
    serialized.set(key, bytes);
  }
  return bytes;
}

/**
 * The reward model's score of each prompt + completion row, in order. Rows go `batchSize` at a time (default 16; a
 * short last batch is filled with empty rows, so one graph per length bucket serves every call), each batch
 * right-padded to a power-of-two length; a row's score does not depend on its batch or its padding.
 */
export async function scoreWithRewardModel(model: InferenceModel, rows: readonly ScoringItem[], options: { padId: number; batchSize?: number }): Promise<number[]> {
  const { config, runner } = model;
  requireScoreHead(config);
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`reward model: batchSize must be a positive integer, got ${batchSize}`);
  const sequences = rows.map((row, i) => {
    const sequence = [...row.prompt, ...row.completion];
    if (sequence.length === 0) throw new InputError(`reward model: row ${i} has no tokens`);
    if (sequence.length > config.maxSeqLen) throw new InputError(`reward model: row ${i} has ${sequence.length} tokens, the model's maxSeqLen is ${config.maxSeqLen}`);
    return sequence;
  });
  const { dtype, feeds: weights } = weightFeeds(model);
  const B = Math.min(batchSize, sequences.length);
  const scores: number[] = [];
  for (let first = 0; first < sequences.length; first += B) {
    const batch = sequences.slice(first, first + B);
    const T = bucketLength(Math.max(...batch.map((s) => s.length)), config.maxSeqLen);
    const tokens = new BigInt64Array(B * T).fill(BigInt(options.padId));
    const attentionMask = new Uint8Array(B * T);
    batch.forEach((sequence, b) =>
      sequence.forEach((id, t) => {
        tokens[b * T + t] = BigInt(id);
        attentionMask[b * T + t] = 1;
      }),
    );
    const out = await runner.run(rewardModelGraphBytes(config, B, T, dtype), {
      ...weights,
      tokens: { dtype: 'int64', dims: [B, T], data: tokens },
      attentionMask: { dtype: 'bool', dims: [B, T], data: attentionMask },
    });
    scores.push(...Array.from(out.scores.data as Float32Array | Float64Array).slice(0, batch.length));
  }
  return scores;
}
