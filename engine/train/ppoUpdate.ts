import { InputError } from '../../core/errors';
import type { GraphRunner } from '../infer';
import type { HostTensors } from '../runtime';
import { perTokenTensor, policyBatch, type PolicyRow } from './policyBatch';
import { AdamwSettings, PolicyState, scalar } from './policyState';
import { fusedTrainStepGraph } from './trainStepGraphs';
import { ppoTrainLoss } from './trainLosses';

/** A sampled completion with what GAE made of it on the host (gae.ts), one value per completion token. */
export interface PpoRow extends PolicyRow {
  advantages: ArrayLike<number>;
  returns: ArrayLike<number>;
  /** The value head when the rollout was scored. */
  oldValues: ArrayLike<number>;
}

export interface PpoEpochSettings {
  /** Every row is padded to this many tokens. */
  length: number;
  /** Rows are split into this many equal minibatches, each one AdamW step. */
  minibatches: number;
  clipRange: number;
  valueClipRange: number;
  valueCoef: number;
  adamw: AdamwSettings;
  padId: number;
}

export interface PpoEpochMetrics {
  loss: number;
  policyLoss: number;
  valueLoss: number;
  clipFraction: number;
  valueClipFraction: number;
  /** Before clipping. */
  gradNorm: number;
}

const METRICS = ['loss', 'policyLoss', 'valueLoss', 'clipFraction', 'valueClipFraction', 'gradNorm'] as const;
const graphs = new Map<string, Uint8Array>();

/**
 * One PPO epoch over a rollout, `state` updated in place: the rows in order, split into minibatches, each a fused
 * step of the clipped policy and value losses (ppoLoss.ts). Returns the minibatches' mean metrics.
 */
export async function ppoEpoch(runner: GraphRunner, state: PolicyState, rows: readonly PpoRow[], s: PpoEpochSettings, onMinibatch: (done: number) => void = () => {}): Promise<PpoEpochMetrics> {
  const M = s.minibatches;
  if (rows.length === 0 || rows.length % M !== 0) throw new InputError(`ppo: ${rows.length} rows do not split into ${M} equal minibatches`);
  rows.forEach((row, i) => {
    for (const name of ['advantages', 'returns', 'oldValues', 'logProbs'] as const) {
      if (row[name].length !== row.completion.length) throw new InputError(`ppo: row ${i} has ${row[name].length} ${name} for its ${row.completion.length} completion tokens`);
    }
  });
  const B = rows.length / M;
  const key = `${JSON.stringify(state.config)}|${B}|${s.length}`;
  let graph = graphs.get(key);
  if (!graph) graphs.set(key, (graph = fusedTrainStepGraph(state.config, ppoTrainLoss, B, s.length, 'float32').toOnnxBytes()));
  const sums = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<(typeof METRICS)[number], number>;
  for (let m = 0; m < M; m++) {
    const minibatch = rows.slice(m * B, (m + 1) * B);
    const feeds: HostTensors = {
      ...policyBatch(minibatch, s.length, s.padId, false),
      returns: perTokenTensor(minibatch, s.length, (row, j) => row.returns[j]),
      oldValues: perTokenTensor(minibatch, s.length, (row, j) => row.oldValues[j]),
      clipRange: scalar(s.clipRange),
      valueClipRange: scalar(s.valueClipRange),
      valueCoef: scalar(s.valueCoef),
    };
    const out = await state.trainStep(runner, graph, feeds, s.adamw);
    for (const name of METRICS) sums[name] += Number(out[name].data[0]) / M;
    onMinibatch(m + 1);
  }
  return sums;
}
