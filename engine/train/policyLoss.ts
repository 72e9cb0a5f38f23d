import { InputError } from '../../core/errors';
import { Tensor, add, cast, clip, div, exp, formatShape, less, max, min, mul, neg, reduceSum, sub } from '../graph';
import { KlEstimator, klEstimate } from './klEstimators';
import { Aggregation, aggregateTokenLosses } from './tokenAggregation';

/** Every tensor is [B, T], aligned as logProbs are (the column that predicts the token); advantages come from the host. */
export interface PolicyLossInputs {
  logProbs: Tensor;
  oldLogProbs: Tensor;
  /** Per token; a per-sequence advantage is repeated over its sequence's tokens. */
  advantages: Tensor;
  /** 1 on the tokens the loss learns from (the policy's own response tokens), 0 on prompt, padding and inserted tokens. */
  mask: Tensor;
  /** Needed when a KL penalty is set. */
  refLogProbs?: Tensor;
}

/** Scalars are graph tensors, so a schedule can change them without a new session. */
export interface PolicyLossSettings {
  epsLow: Tensor;
  epsHigh: Tensor;
  aggregation: Aggregation;
  kl?: { estimator: KlEstimator; beta: Tensor };
  /** Required by seq-mean-token-sum-norm. */
  maxResponseLength?: Tensor;
}

export interface PolicyLossOutputs {
  loss: Tensor;
  /** Share of response tokens where the clipped term was the smaller one (so its gradient is zero). */
  clipFraction: Tensor;
  /** Token-mean of the KL estimate, when a KL penalty is set. */
  kl?: Tensor;
}

/**
 * The GRPO-family objective: l = -min(rho A, clip(rho, 1 - epsLow, 1 + epsHigh) A) + beta KL, aggregated over the
 * response tokens. Log-ratios are zeroed off the mask so whatever sits in padded positions cannot overflow exp.
 */
export function clippedPolicyLoss(x: PolicyLossInputs, s: PolicyLossSettings): PolicyLossOutputs {
  const shape = x.logProbs.shape;
  for (const [name, t] of Object.entries({ oldLogProbs: x.oldLogProbs, advantages: x.advantages, mask: x.mask, refLogProbs: x.refLogProbs })) {
    if (t && (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i]))) {
      throw new InputError(`policy loss: ${name} ${formatShape(t.shape)} must match logProbs ${formatShape(shape)}`);
    }
  }
  const rho = exp(mul(sub(x.logProbs, x.oldLogProbs), x.mask));
  const unclipped = mul(rho, x.advantages);
  const clipped = mul(clip(rho, sub(1, s.epsLow), add(1, s.epsHigh)), x.advantages);
  let tokenLosses = neg(min(unclipped, clipped));
  const tokens = max(reduceSum(x.mask, [0, 1]), 1);
  const tokenMean = (t: Tensor): Tensor => div(reduceSum(mul(t, x.mask), [0, 1]), tokens);
  const out: PolicyLossOutputs = { loss: tokenLosses, clipFraction: tokenMean(cast(less(clipped, unclipped), rho.dtype)) };
  if (s.kl) {
    if (!x.refLogProbs) throw new InputError(`policy loss: a ${s.kl.estimator} KL penalty needs refLogProbs`);
    const kl = klEstimate(mul(sub(x.refLogProbs, x.logProbs), x.mask), s.kl.estimator);
    tokenLosses = add(tokenLosses, mul(kl, s.kl.beta));
    out.kl = tokenMean(kl);
  }
  out.loss = aggregateTokenLosses(tokenLosses, x.mask, s.aggregation, s.maxResponseLength);
  return out;
}
