import { InputError } from '../../core/errors';
import { Tensor, add, cast, clip, exp, formatShape, greater, less, max, min, mul, neg, sub } from '../graph';
import { aggregateTokenLosses } from './tokenAggregation';

/** InstructGPT's PPO settings (METHODS.md, Shared RL core); valueCoef is TRL's default, the paper does not give one. */
export const PPO_DEFAULTS = { klBeta: 0.02, gamma: 1, lambda: 0.95, clipRange: 0.2, valueClipRange: 0.2, valueCoef: 0.1 } as const;

/** Every tensor is [B, T]; advantages and returns come from GAE on the host (gae.ts). */
export interface PpoInputs {
  logProbs: Tensor;
  oldLogProbs: Tensor;
  advantages: Tensor;
  /** The value head now, and when the rollout was scored. */
  values: Tensor;
  oldValues: Tensor;
  returns: Tensor;
  /** 1 on response tokens. */
  mask: Tensor;
}

/** Scalars are graph tensors, so a schedule can change them without a new session. */
export interface PpoSettings {
  clipRange: Tensor;
  valueClipRange: Tensor;
  valueCoef: Tensor;
}

export interface PpoOutputs {
  /** policyLoss + valueCoef * valueLoss. */
  loss: Tensor;
  policyLoss: Tensor;
  valueLoss: Tensor;
  /** Share of response tokens where the clipped policy term was the smaller one. */
  clipFraction: Tensor;
  /** Share of response tokens where the clipped value error was the larger one. */
  valueClipFraction: Tensor;
}

/**
 * PPO with a value head, token-mean over response tokens: the clipped surrogate
 * -min(rho A, clip(rho, 1 - eps, 1 + eps) A) and the clipped value loss
 * 0.5 max((V - R)^2, (V_old + clip(V - V_old, -c, c) - R)^2). Log-ratios are zeroed off the mask so padding cannot
 * overflow exp.
 */
export function ppoLoss(x: PpoInputs, s: PpoSettings): PpoOutputs {
  const shape = x.logProbs.shape;
  for (const [name, t] of Object.entries(x)) {
    if (t.rank !== 2 || t.shape.some((d: unknown, i: number) => d !== shape[i])) {
      throw new InputError(`ppo loss: ${name} ${formatShape(t.shape)} must match logProbs ${formatShape(shape)}, [B, T]`);
    }
  }
  const tokenMean = (t: Tensor): Tensor => aggregateTokenLosses(t, x.mask, 'token-mean');
  const rho = exp(mul(sub(x.logProbs, x.oldLogProbs), x.mask));
  const unclipped = mul(rho, x.advantages);
  const clipped = mul(clip(rho, sub(1, s.clipRange), add(1, s.clipRange)), x.advantages);
  const policyLoss = tokenMean(neg(min(unclipped, clipped)));

  const valueError = sub(x.values, x.returns);
  const clippedError = sub(add(x.oldValues, clip(sub(x.values, x.oldValues), neg(s.valueClipRange), s.valueClipRange)), x.returns);
  const [squared, clippedSquared] = [mul(valueError, valueError), mul(clippedError, clippedError)];
  const valueLoss = mul(tokenMean(max(squared, clippedSquared)), 0.5);

  return {
    loss: add(policyLoss, mul(valueLoss, s.valueCoef)),
    policyLoss,
    valueLoss,
    clipFraction: tokenMean(cast(less(clipped, unclipped), rho.dtype)),
    valueClipFraction: tokenMean(cast(greater(clippedSquared, squared), rho.dtype)),
  };
}
