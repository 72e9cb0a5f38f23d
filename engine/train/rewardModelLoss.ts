import { InputError } from '../../core/errors';
import { Tensor, reduceMean, sub } from '../graph';
import { negLogSigmoid } from './negLogSigmoid';
import { pairMetrics, splitPairs } from './preferencePairs';

export interface RewardModelOutputs {
  loss: Tensor;
  /** Share of pairs scored chosen above rejected. */
  accuracy: Tensor;
  /** Mean of r_w - r_l. */
  margin: Tensor;
}

/** Bradley-Terry: mean over pairs of -log sigmoid(r_w - r_l), from scores [2P] laid out as preferencePairs.ts says. */
export function bradleyTerryLoss(scores: Tensor): RewardModelOutputs {
  if (scores.rank !== 1) throw new InputError(`reward model loss: scores must be [2P], one per row, got ${scores}`);
  const { chosen, rejected } = splitPairs(scores, 'reward model loss');
  const margins = sub(chosen, rejected);
  return { loss: reduceMean(negLogSigmoid(margins), [0]), ...pairMetrics(margins) };
}
