import { Tensor, exp, mul, neg, sub } from '../graph';

/** Schulman's estimators of KL(policy || reference) from one sample per token, with log r = logp_ref - logp. */
export type KlEstimator = 'k1' | 'k2' | 'k3';
export const KL_ESTIMATORS: readonly KlEstimator[] = ['k1', 'k2', 'k3'];

/** Per-token KL estimate; `logRatio` is log r = logp_ref - logp. */
export function klEstimate(logRatio: Tensor, estimator: KlEstimator): Tensor {
  switch (estimator) {
    case 'k1':
      return neg(logRatio);
    case 'k2':
      return mul(mul(logRatio, logRatio), 0.5);
    case 'k3':
      return sub(sub(exp(logRatio), 1), logRatio);
  }
}
