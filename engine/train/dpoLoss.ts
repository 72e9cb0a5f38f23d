import { InputError } from '../../core/errors';
import { Tensor, formatShape, mul, reduceMean, reduceSum, sub } from '../graph';
import { negLogSigmoid } from './negLogSigmoid';
import { pairMetrics, splitPairs } from './preferencePairs';

export interface DpoOutputs {
  loss: Tensor;
  /** Share of pairs whose implicit reward beta (logp - ref) ranks the chosen response first. */
  rewardAccuracy: Tensor;
  /** Mean of beta ((logp_w - ref_w) - (logp_l - ref_l)). */
  rewardMargin: Tensor;
}

/** Each row's log-prob of its response: logProbs [B, T] summed over mask [B, T] (1 on response tokens), [B]. */
export function sequenceLogProbs(logProbs: Tensor, mask: Tensor): Tensor {
  return reduceSum(mul(logProbs, mask), [1]);
}

/**
 * DPO: mean over pairs of -log sigmoid(beta ((logp_w - ref_w) - (logp_l - ref_l))), from per-row response log-probs
 * [2P] of the policy and of the frozen reference, rows laid out as preferencePairs.ts says.
 */
export function dpoLoss(logProbs: Tensor, refLogProbs: Tensor, beta: Tensor): DpoOutputs {
  if (refLogProbs.rank !== 1 || refLogProbs.shape[0] !== logProbs.shape[0] || logProbs.rank !== 1) {
    throw new InputError(`dpo loss: sequence log-probs ${formatShape(logProbs.shape)} and reference ${formatShape(refLogProbs.shape)} must both be [2P]`);
  }
  const rewards = splitPairs(mul(sub(logProbs, refLogProbs), beta), 'dpo loss');
  const margins = sub(rewards.chosen, rewards.rejected);
  const { accuracy, margin } = pairMetrics(margins);
  return { loss: reduceMean(negLogSigmoid(margins), [0]), rewardAccuracy: accuracy, rewardMargin: margin };
}
