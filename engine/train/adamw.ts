import { Tensor, add, div, min, mul, pow, reduceSumSquare, sqrt, sub } from '../graph';

export const ADAMW_HYPERPARAMETERS = ['step', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'maxGradNorm'] as const;

/** Hyperparameters as graph scalars, so a live change needs no new session. `step` counts from 1. */
export interface AdamwHyper {
  step: Tensor;
  lr: Tensor;
  beta1: Tensor;
  beta2: Tensor;
  eps: Tensor;
  weightDecay: Tensor;
  maxGradNorm: Tensor;
}

/** Parameters with their gradients and moments, one entry per tensor (the train graphs pass one flat tensor of all). */
export interface AdamwTensors {
  params: Tensor[];
  grads: Tensor[];
  m: Tensor[];
  v: Tensor[];
}

/** Global norm of all gradients together. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  return sqrt(grads.map((g) => reduceSumSquare(g, [...g.shape.keys()])).reduce((a, b) => add(a, b)));
}

/**
 * One AdamW step as torch.optim.AdamW computes it (decoupled weight decay before the moment update, bias-corrected
 * moments, eps outside the square root), after torch.nn.utils.clip_grad_norm_ scaling by min(1, maxNorm / (norm + 1e-6)).
 *
 * Every factor that is the same for all elements is folded into a scalar first, so each full-size tensor is passed
 * over as few times as the formula allows (13 elementwise ops): the clip factor goes into the moments' coefficients
 * instead of scaling the gradient, and m / (sqrt(v / c2) + eps) is computed as sqrt(c2) m / (sqrt(v) + eps sqrt(c2)).
 */
export function adamwStep(s: AdamwTensors, h: AdamwHyper): { params: Tensor[]; m: Tensor[]; v: Tensor[]; gradNorm: Tensor } {
  const gradNorm = globalNorm(s.grads);
  const clip = min(div(h.maxGradNorm, add(gradNorm, 1e-6)), 1);
  const gradWeight1 = mul(sub(1, h.beta1), clip);
  const gradWeight2 = mul(sub(1, h.beta2), mul(clip, clip));
  const sqrtCorrection2 = sqrt(sub(1, pow(h.beta2, h.step)));
  const stepSize = div(mul(h.lr, sqrtCorrection2), sub(1, pow(h.beta1, h.step)));
  const scaledEps = mul(h.eps, sqrtCorrection2);
  const decay = sub(1, mul(h.lr, h.weightDecay));
  const out = { params: [] as Tensor[], m: [] as Tensor[], v: [] as Tensor[], gradNorm };
  s.params.forEach((p, i) => {
    const g = s.grads[i];
    const m = add(mul(s.m[i], h.beta1), mul(g, gradWeight1));
    const v = add(mul(s.v[i], h.beta2), mul(mul(g, g), gradWeight2));
    out.params.push(sub(mul(p, decay), mul(div(m, add(sqrt(v), scaledEps)), stepSize)));
    out.m.push(m);
    out.v.push(v);
  });
  return out;
}
