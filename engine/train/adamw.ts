import { Tensor, add, div, min, mul, pow, reduceSum, sqrt, sub } from '../graph';

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

export interface AdamwTensors {
  params: Tensor[];
  grads: Tensor[];
  m: Tensor[];
  v: Tensor[];
}

/** Global norm of all gradients together. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  return sqrt(grads.map((g) => reduceSum(mul(g, g), [...g.shape.keys()])).reduce((a, b) => add(a, b)));
}

/**
 * One AdamW step as torch.optim.AdamW computes it (decoupled weight decay before the moment update, bias-corrected
 * moments, eps outside the square root), after torch.nn.utils.clip_grad_norm_ scaling by min(1, maxNorm / (norm + 1e-6)).
 */
export function adamwStep(s: AdamwTensors, h: AdamwHyper): { params: Tensor[]; m: Tensor[]; v: Tensor[]; gradNorm: Tensor } {
  const gradNorm = globalNorm(s.grads);
  const clip = min(div(h.maxGradNorm, add(gradNorm, 1e-6)), 1);
  const correction1 = sub(1, pow(h.beta1, h.step));
  const correction2 = sub(1, pow(h.beta2, h.step));
  const out = { params: [] as Tensor[], m: [] as Tensor[], v: [] as Tensor[], gradNorm };
  s.params.forEach((p, i) => {
    const g = mul(s.grads[i], clip);
    const m = add(mul(h.beta1, s.m[i]), mul(sub(1, h.beta1), g));
    const v = add(mul(h.beta2, s.v[i]), mul(sub(1, h.beta2), mul(g, g)));
    const decayed = mul(p, sub(1, mul(h.lr, h.weightDecay)));
    const denom = add(sqrt(div(v, correction2)), h.eps);
    out.params.push(sub(decayed, mul(h.lr, div(div(m, correction1), denom))));
    out.m.push(m);
    out.v.push(v);
  });
  return out;
}
