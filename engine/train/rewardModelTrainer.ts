import { InputError } from '../../core/errors';
import type { GraphRunner } from '../infer';
import { batchesOf } from './epochOrder';
import { AdamwSettings, DEFAULT_ADAMW, PolicyState } from './policyState';
import { PreferenceExample, pairBatch, pairLength } from './preferenceRows';
import { fusedTrainStepGraph } from './trainStepGraphs';
import { rewardModelTrainLoss } from './trainLosses';

export interface RewardModelTrainingOptions {
  runner: GraphRunner;
  /** A model with scalarHead "score", trained in place. */
  state: PolicyState;
  /** Responses without eos: the reward model scores bos, prompt, response, as rewardModelGrader.ts reads them. */
  pairs: readonly PreferenceExample[];
  steps: number;
  /** Pairs per step. */
  batch: number;
  seed: number | string;
  padId: number;
  adamw?: Partial<AdamwSettings>;
  onStep?: (step: number, loss: number, accuracy: number) => void;
}

/** Bradley-Terry training of a score head and its trunk; returns each step's loss and batch accuracy. */
export async function trainRewardModel(o: RewardModelTrainingOptions): Promise<{ losses: number[]; accuracies: number[] }> {
  if (o.state.config.scalarHead !== 'score') throw new InputError(`reward model training: the model needs scalarHead "score", it has ${o.state.config.scalarHead ?? 'none'}`);
  const length = pairLength(o.pairs, o.state.config.maxSeqLen, 'reward model training');
  const graph = fusedTrainStepGraph(o.state.config, rewardModelTrainLoss, 2 * o.batch, length, 'float32').toOnnxBytes();
  const adamw = { ...DEFAULT_ADAMW, ...o.adamw };
  const batchAt = batchesOf(o.pairs, o.batch, o.seed);
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    // The loss reads the score at each row's last real token: tokens and the attention mask are all it takes.
    const { tokens, attentionMask } = pairBatch(batchAt(step), length, o.padId);
    const out = await o.state.trainStep(o.runner, graph, { tokens, attentionMask }, adamw);
    losses.push(Number(out.loss.data[0]));
    accuracies.push(Number(out.accuracy.data[0]));
    o.onStep?.(step + 1, losses[step], accuracies[step]);
  }
  return { losses, accuracies };
}
