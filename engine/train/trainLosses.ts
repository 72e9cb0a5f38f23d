import { DType, Graph, Tensor } from '../graph';
import { clippedPolicyLoss } from './policyLoss';
import { POLICY_LOSS_PRESETS, PolicyLossName, PolicyLossPreset } from './policyLossPresets';
import { sftLoss } from './sftLoss';
import { tokenLogProbs } from './tokenLogProbs';

export interface LossOutputs {
  loss: Tensor;
  /** Scalars reported next to the loss (no gradient is taken through them). */
  metrics: Record<string, Tensor>;
}

/** A loss a train-step graph can be built around. */
export interface TrainLoss {
  readonly name: string;
  /** Declares the loss's graph inputs (batch tensors, scalar hyperparameters) and returns the loss of the logits. */
  declare(g: Graph, batch: number, seqLen: number, dtype: DType): (logits: Tensor) => LossOutputs;
}

/** Inputs: targets [B, T] int64 (the next token at each position), targetMask [B, T]. */
export const sftTrainLoss: TrainLoss = {
  name: 'sft',
  declare(g, B, T, dtype) {
    const targets = g.input('targets', 'int64', [B, T]);
    const targetMask = g.input('targetMask', dtype, [B, T]);
    return (logits) => ({ loss: sftLoss(logits, targets, targetMask), metrics: {} });
  },
};

/**
 * Inputs: targets [B, T] int64, responseMask [B, T], advantages [B], oldLogProbs [B, T]; with a KL term also
 * refLogProbs [B, T] and the scalar klBeta; scalars epsLow, epsHigh; with seq-mean-token-sum-norm the scalar
 * maxResponseLength. Metrics: clipFraction, and kl with a KL term.
 */
export function policyTrainLoss(name: string, preset: Pick<PolicyLossPreset, 'aggregation' | 'kl'>): TrainLoss {
  return {
    name,
    declare(g, B, T, dtype) {
      const perToken = (input: string): Tensor => g.input(input, dtype, [B, T]);
      const scalar = (input: string): Tensor => g.input(input, dtype, []);
      const targets = g.input('targets', 'int64', [B, T]);
      const mask = perToken('responseMask');
      const advantages = g.input('advantages', dtype, [B]);
      const oldLogProbs = perToken('oldLogProbs');
      const refLogProbs = preset.kl ? perToken('refLogProbs') : undefined;
      const settings = {
        epsLow: scalar('epsLow'),
        epsHigh: scalar('epsHigh'),
        aggregation: preset.aggregation,
        kl: preset.kl ? { estimator: preset.kl, beta: scalar('klBeta') } : undefined,
        maxResponseLength: preset.aggregation === 'seq-mean-token-sum-norm' ? scalar('maxResponseLength') : undefined,
      };
      return (logits): LossOutputs => {
        const logProbs = tokenLogProbs(logits, targets);
        const { loss, clipFraction, kl } = clippedPolicyLoss({ logProbs, oldLogProbs, advantages, mask, refLogProbs }, settings);
        return { loss, metrics: kl ? { clipFraction, kl } : { clipFraction } };
      };
    },
  };
}

export type TrainLossName = 'sft' | PolicyLossName;
export const TRAIN_LOSS_NAMES: readonly TrainLossName[] = ['sft', ...(Object.keys(POLICY_LOSS_PRESETS) as PolicyLossName[])];

export function trainLoss(name: TrainLossName): TrainLoss {
  return name === 'sft' ? sftTrainLoss : policyTrainLoss(name, POLICY_LOSS_PRESETS[name]);
}
