import type { KlEstimator } from './klEstimators';
import type { Aggregation } from './tokenAggregation';

export interface PolicyLossPreset {
  aggregation: Aggregation;
  /** Absent: no KL term, and no reference log-probs are needed. */
  kl?: KlEstimator;
  /** Divide group-centred rewards by the group std (see groupAdvantages). */
  normaliseAdvantages: boolean;
  /** Starting values of the hyperparameters, which are graph inputs. */
  defaults: { epsLow: number; epsHigh: number; klBeta: number };
}

/** The recipes of METHODS.md (Shared RL core); GRPO's beta 0.04 with k3 is the DeepSeekMath setting. */
export const POLICY_LOSS_PRESETS = {
  grpo: { aggregation: 'seq-mean-token-mean', kl: 'k3', normaliseAdvantages: true, defaults: { epsLow: 0.2, epsHigh: 0.2, klBeta: 0.04 } },
  drgrpo: { aggregation: 'seq-mean-token-sum-norm', normaliseAdvantages: false, defaults: { epsLow: 0.2, epsHigh: 0.2, klBeta: 0 } },
  dapo: { aggregation: 'token-mean', normaliseAdvantages: true, defaults: { epsLow: 0.2, epsHigh: 0.28, klBeta: 0 } },
} as const satisfies Record<string, PolicyLossPreset>;

export type PolicyLossName = keyof typeof POLICY_LOSS_PRESETS;
