import { InputError } from '../../core/errors';
import { Graph } from '../graph';
import type { GraphRunner } from '../infer';
import { ModelConfig, parameterSpecs, transformer } from '../model';
import type { HostTensors } from '../runtime';
import { sequenceBatch, type PromptCompletion } from './sequenceBatch';

/** The value head at every column, [B, T]: the forward of the PPO train step over the same right-padded rows. */
export function tokenValuesGraph(config: ModelConfig, B: number, T: number): Uint8Array {
  if (config.scalarHead !== 'value') throw new InputError(`token values: the model config needs scalarHead "value", it has ${config.scalarHead ?? 'none'}`);
  const g = new Graph(`token-values-${B}x${T}`);
  const weights = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, g.input(s.name, 'float32', s.shape, { parameter: true })]));
  const out = transformer(config, weights, { tokens: g.input('tokens', 'int64', [B, T]), attentionMask: g.input('attentionMask', 'bool', [B, T]) });
  g.output(out.headValues!, 'values');
  return g.toOnnxBytes();
}

/**
 * V(s_t) for each completion token of each row: the value head at the column that predicts the token (the state
 * before it is chosen), as the PPO loss reads its values. Rows are right-padded to `length`, as in training.
 */
export async function completionValues(runner: GraphRunner, config: ModelConfig, weights: HostTensors, rows: readonly PromptCompletion[], length: number, padId: number): Promise<Float64Array[]> {
  const { tokens, attentionMask } = sequenceBatch(rows, length, padId, 'responseMask');
  const values = (await runner.run(tokenValuesGraph(config, rows.length, length), { ...weights, tokens, attentionMask })).values.data as Float32Array;
  return rows.map((row, b) => Float64Array.from(row.completion, (_, j) => values[b * length + row.prompt.length - 1 + j]));
}
