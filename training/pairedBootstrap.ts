import { InputError } from '../core/errors';
import { Rng } from '../core/rng';

export interface PairedDifference {
  /** mean(after - before) over the pairs. */
  mean: number;
  /** The 2.5th percentile of the resampled means: the lower end of a two-sided 95% interval. */
  lower95: number;
  upper95: number;
}

/**
 * Paired bootstrap of the mean difference between two measurements of the same items (e.g. one problem's
 * correctness before and after RL): resample the items with replacement `resamples` times, seeded, and read the
 * percentiles of the resampled mean differences.
 */
export function pairedBootstrap(before: readonly number[], after: readonly number[], seed: number | string, resamples = 2000): PairedDifference {
  if (before.length !== after.length) throw new InputError(`paired bootstrap: ${before.length} items before, ${after.length} after`);
  if (before.length === 0) throw new InputError('paired bootstrap: no items');
  const differences = after.map((a, i) => a - before[i]);
  const n = differences.length;
  const rng = Rng.derive(seed, 'paired-bootstrap');
  const means = Array.from({ length: resamples }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[rng.int(n)];
    return sum / n;
  }).sort((a, b) => a - b);
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))];
  return { mean: differences.reduce((a, b) => a + b, 0) / n, lower95: at(0.025), upper95: at(0.975) };
}
