import { InputError } from '../../core/errors';
import { bucketLength, leftPad } from './batchLayout';
import { graphBytes } from './inferenceGraphs';
import { InferenceModel, modelWeights } from './inferenceModel';
import { logSoftmax } from './tokenChoice';

export interface ScoringItem {
  prompt: readonly number[];
  completion: readonly number[];
}

/**
 * Teacher forcing: log p(completion token | prompt, earlier completion tokens) for each item, from one prefill over
 * the left-padded prompt + completion rows, under softmax(logits / temperature) as the sampler reports them.
 */
export async function scoreCompletions(model: InferenceModel, items: readonly ScoringItem[], options: { temperature?: number; padId: number }): Promise<Float64Array[]> {
  const temperature = options.temperature ?? 1;
  if (!(temperature > 0)) throw new InputError(`score: temperature must be > 0, got ${temperature}`);
  if (items.length === 0) throw new InputError('score: no items');
  items.forEach((item, i) => {
    if (item.prompt.length === 0) throw new InputError(`score: item ${i} has an empty prompt (start prompts with bos)`);
  });
  const { config, runner } = model;
  const { dtype, feeds: weights, fixed } = await modelWeights(model);
  const sequences = items.map((item) => [...item.prompt, ...item.completion]);
  const batch = leftPad(sequences, bucketLength(Math.max(...sequences.map((s) => s.length)), config.maxSeqLen), options.padId);
  const [B, T, V] = [batch.rows, batch.length, config.vocabSize];
  const out = await runner.run(graphBytes('score', config, dtype, B, T, fixed), {
    ...weights,
    tokens: { dtype: 'int64', dims: [B, T], data: batch.tokens },
    attentionMask: { dtype: 'bool', dims: [B, T], data: batch.attentionMask },
    positions: { dtype: 'int64', dims: [B, T], data: batch.positions },
  });
  const logits = out.logits.data as Float32Array | Float64Array;
  return items.map((item, b) => {
    // The logits at column c predict the token at column c + 1.
    const firstPredictor = batch.starts[b] + item.prompt.length - 1;
    return Float64Array.from(item.completion, (token, j) => {
      const column = firstPredictor + j;
      return logSoftmax(logits.subarray((b * T + column) * V, (b * T + column + 1) * V), temperature)[token];
    });
  });
}
