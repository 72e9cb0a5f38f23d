import { InputError } from '../../core/errors';
import { Tensor, cast, clip, constant, equal, gatherElements, greater, mul, neg, reduceMean, reduceSum, scalarLike, squeeze, sub, unsqueeze } from '../graph';
import { negLogSigmoid } from './negLogSigmoid';

/** ContextRL's choices (METHODS.md): the margin clipped to [-5, 5], the auxiliary loss weighted 0.1. */
export const CONTEXT_MARGIN_DEFAULTS = { clip: 5, weight: 0.1 } as const;

/** One row per contrastive prompt (which context, A or B, supports the answer?). */
export interface ContextMarginInputs {
  /** [C, T, V] from one teacher-forced pass over the prompts. */
  logits: Tensor;
  /** [C] int64: the column whose logits predict the label (the prompt's last real token). */
  positions: Tensor;
  /** [C] int64 token ids of the right label and of the other one. */
  correctLabel: Tensor;
  otherLabel: Tensor;
}

export interface ContextMarginOutputs {
  /** Mean over prompts of -log sigmoid(clip(Delta, -c, c)). */
  loss: Tensor;
  /** Mean of Delta = logit(correct label) - logit(other label), unclipped. */
  margin: Tensor;
  /** Share of prompts with Delta > 0. */
  accuracy: Tensor;
}

/** ContextRL's contrastive-attribution loss L_CA. Outside [-c, c] the clipped margin is flat, so it gives no gradient. */
export function contextMarginLoss(x: ContextMarginInputs, clipAt: Tensor): ContextMarginOutputs {
  const [C, T] = x.logits.shape;
  if (x.logits.rank !== 3 || typeof T !== 'number') throw new InputError(`context margin loss: logits must be [C, T, V] with a static T, got ${x.logits}`);
  for (const [name, t] of Object.entries({ positions: x.positions, correctLabel: x.correctLabel, otherLabel: x.otherLabel })) {
    if (t.rank !== 1 || t.shape[0] !== C || t.dtype !== 'int64') throw new InputError(`context margin loss: ${name} must be int64 [${C}], one per prompt, got ${t}`);
  }
  const columns = constant(x.logits.graph, { dtype: 'int64', shape: [T], values: Array.from({ length: T }, (_, t) => t) });
  const atPosition = cast(equal(unsqueeze(x.positions, [1]), columns), x.logits.dtype);
  const answerLogits = reduceSum(mul(x.logits, unsqueeze(atPosition, [2])), [1]);
  const logitOf = (label: Tensor): Tensor => squeeze(gatherElements(answerLogits, unsqueeze(label, [1]), 1), [1]);
  const delta = sub(logitOf(x.correctLabel), logitOf(x.otherLabel));
  return {
    loss: reduceMean(negLogSigmoid(clip(delta, neg(clipAt), clipAt)), [0]),
    margin: reduceMean(delta, [0]),
    accuracy: reduceMean(cast(greater(delta, scalarLike(delta, 0)), delta.dtype), [0]),
  };
}
