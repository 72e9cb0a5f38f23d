import { Graph } from '../graph';
import type { GraphRunner } from '../infer';
import { ModelConfig, parameterSpecs, transformer } from '../model';
import type { HostTensors } from '../runtime';
import { sequenceLogProbs } from './dpoLoss';
import { batchesOf } from './epochOrder';
import { AdamwSettings, DEFAULT_ADAMW, PolicyState, scalar } from './policyState';
import { PreferenceExample, pairBatch, pairLength } from './preferenceRows';
import { tokenLogProbs } from './tokenLogProbs';
import { fusedTrainStepGraph } from './trainStepGraphs';
import { dpoTrainLoss } from './trainLosses';

export interface DpoTrainingOptions {
  runner: GraphRunner;
  /** The policy, trained in place. */
  state: PolicyState;
  /** The frozen reference's weights (the policy before training). */
  reference: HostTensors;
  /** Responses with eos: DPO trains what the policy generates. */
  pairs: readonly PreferenceExample[];
  steps: number;
  batch: number;
  beta: number;
  seed: number | string;
  padId: number;
  adamw?: Partial<AdamwSettings>;
  onStep?: (step: number, loss: number, rewardAccuracy: number) => void;
}

/**
 * Each row's response log-prob, [B]: the forward of the DPO train-step graph over the same right-padded rows, so the
 * reference's log-probs are computed exactly as the policy's are and the loss starts at log 2.
 */
export function responseLogProbGraph(config: ModelConfig, B: number, T: number): Uint8Array {
  const g = new Graph(`response-log-probs-${B}x${T}`);
  const weights = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, g.input(s.name, 'float32', s.shape, { parameter: true })]));
  const input = (name: string, dtype: 'int64' | 'bool' | 'float32') => g.input(name, dtype, [B, T]);
  const { logits } = transformer(config, weights, { tokens: input('tokens', 'int64'), attentionMask: input('attentionMask', 'bool') });
  g.output(sequenceLogProbs(tokenLogProbs(logits, input('targets', 'int64')), input('responseMask', 'float32')), 'logProbs');
  return g.toOnnxBytes();
}

/** Offline DPO on ranked pairs against a frozen reference; returns each step's loss and implicit-reward accuracy. */
export async function trainDpo(o: DpoTrainingOptions): Promise<{ losses: number[]; accuracies: number[] }> {
  const { config } = o.state;
  const length = pairLength(o.pairs, config.maxSeqLen, 'dpo');
  const B = 2 * o.batch;
  const step = fusedTrainStepGraph(config, dpoTrainLoss, B, length, 'float32').toOnnxBytes();
  const logProbs = responseLogProbGraph(config, B, length);
  const adamw = { ...DEFAULT_ADAMW, ...o.adamw };
  const batchAt = batchesOf(o.pairs, o.batch, o.seed);
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let s = 0; s < o.steps; s++) {
    const batch = pairBatch(batchAt(s), length, o.padId);
    const ref = (await o.runner.run(logProbs, { ...o.reference, ...batch })).logProbs;
    const out = await o.state.trainStep(o.runner, step, { ...batch, refLogProbs: { dtype: 'float32', dims: [B], data: ref.data as Float32Array }, dpoBeta: scalar(o.beta) }, adamw);
    losses.push(Number(out.loss.data[0]));
    accuracies.push(Number(out.rewardAccuracy.data[0]));
    o.onStep?.(s + 1, losses[s], accuracies[s]);
  }
  return { losses, accuracies };
}
