import { Tensor, div, mul, neg, reduceSum } from '../graph';
import { tokenLogProbs } from './tokenLogProbs';

/**
 * Token cross-entropy averaged over target tokens: logits [B, T, V], targets [B, T] int64 (the next token at each
 * position), targetMask [B, T] (1 on completion tokens, 0 on prompt and padding).
 */
export function sftLoss(logits: Tensor, targets: Tensor, targetMask: Tensor): Tensor {
  return neg(div(reduceSum(mul(tokenLogProbs(logits, targets), targetMask), [0, 1]), reduceSum(targetMask, [0, 1])));
}
