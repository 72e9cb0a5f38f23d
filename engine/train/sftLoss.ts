import { Tensor, div, gatherElements, logSoftmax, mul, neg, reduceSum, squeeze, unsqueeze } from '../graph';

/**
 * Token cross-entropy averaged over target tokens: logits [B, T, V], targets [B, T] int64 (the next token at each
 * position), targetMask [B, T] (1 on completion tokens, 0 on prompt and padding).
 */
export function sftLoss(logits: Tensor, targets: Tensor, targetMask: Tensor): Tensor {
  const tokenLogProbs = squeeze(gatherElements(logSoftmax(logits, -1), unsqueeze(targets, [-1]), -1), [-1]);
  return neg(div(reduceSum(mul(tokenLogProbs, targetMask), [0, 1]), reduceSum(targetMask, [0, 1])));
}
