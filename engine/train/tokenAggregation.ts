import { InputError } from '../../core/errors';
import { Tensor, div, max, mul, reduceMean, reduceSum } from '../graph';

/** How per-token losses l[i, t] become one loss, named as verl names them (METHODS.md, Shared RL core). */
export type Aggregation = 'token-mean' | 'seq-mean-token-mean' | 'seq-mean-token-sum' | 'seq-mean-token-sum-norm';
export const AGGREGATIONS: readonly Aggregation[] = ['token-mean', 'seq-mean-token-mean', 'seq-mean-token-sum', 'seq-mean-token-sum-norm'];

/**
 * Aggregates tokenLosses [B, T] over mask [B, T] (1 on response tokens). seq-mean-token-sum-norm divides by
 * B * maxResponseLength, a scalar input: Dr.GRPO's constant generation budget, so a sequence's weight does not
 * depend on its own length. Token counts are clamped to at least 1 so an empty mask gives 0, not NaN.
 */
export function aggregateTokenLosses(tokenLosses: Tensor, mask: Tensor, mode: Aggregation, maxResponseLength?: Tensor): Tensor {
  const masked = mul(tokenLosses, mask);
  const count = (axes: number[]): Tensor => max(reduceSum(mask, axes), 1);
  switch (mode) {
    case 'token-mean':
      return div(reduceSum(masked, [0, 1]), count([0, 1]));
    case 'seq-mean-token-mean':
      return reduceMean(div(reduceSum(masked, [1]), count([1])), [0]);
    case 'seq-mean-token-sum':
      return reduceMean(reduceSum(masked, [1]), [0]);
    case 'seq-mean-token-sum-norm': {
      if (!maxResponseLength) throw new InputError('aggregation seq-mean-token-sum-norm needs the maxResponseLength scalar');
      const sequences = tokenLosses.shape[0];
      if (typeof sequences !== 'number') throw new InputError(`aggregation ${mode} needs a static batch dim, got token losses ${tokenLosses}`);
      return div(reduceSum(masked, [0, 1]), mul(maxResponseLength, sequences));
    }
  }
}
