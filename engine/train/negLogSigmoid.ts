import { Tensor, abs, add, exp, log, mul, sub } from '../graph';

/**
 * -log sigmoid(z) = softplus(-z), written as |z|/2 + log(1 + exp(-|z|)) - z/2: exp never overflows, and the
 * derivative autodiff takes through |z| is exact at z = 0 (where DPO starts, the policy equal to its reference),
 * which max(-z, 0) + log(1 + exp(-|z|)) is not.
 */
export function negLogSigmoid(z: Tensor): Tensor {
  const a = abs(z);
  return sub(add(mul(a, 0.5), log(add(exp(mul(a, -1)), 1))), mul(z, 0.5));
}
