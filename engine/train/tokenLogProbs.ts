import { Tensor, gatherElements, logSoftmax, squeeze, unsqueeze } from '../graph';

/** log p(targets[b, t]) under logits [B, T, V]: the per-token log-probs every loss starts from. */
export function tokenLogProbs(logits: Tensor, targets: Tensor): Tensor {
  return squeeze(gatherElements(logSoftmax(logits, -1), unsqueeze(targets, [-1]), -1), [-1]);
}
