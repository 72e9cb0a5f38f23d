import { InputError } from '../../core/errors';
import { Tensor, cast, constant, equal, matmul, mul, reduceMax, reduceSum, squeeze, where } from '../graph';
import type { ModelConfig } from './modelConfig';
import type { ParameterSpec } from './parameters';

/**
 * A scalar head: a [dModel, 1] projection of the final hidden states. A reward model reads its `score` at the last
 * real token; PPO's `value` head reads one per token. A model without one keeps its parameter list unchanged.
 */
export type ScalarHeadKind = 'score' | 'value';
export const SCALAR_HEAD_KINDS: readonly ScalarHeadKind[] = ['score', 'value'];

/** The head's weight as graph inputs and checkpoints name it: `scoreHead.weight` or `valueHead.weight`. */
export function scalarHeadName(kind: ScalarHeadKind): string {
  return `${kind}Head.weight`;
}

export function scalarHeadSpec(config: ModelConfig, kind: ScalarHeadKind): ParameterSpec {
  return { name: scalarHeadName(kind), shape: [config.dModel, 1], init: 'normal' };
}

/** The head at every position: hidden [B, T, D] times weight [D, 1] gives [B, T]. */
export function scalarHeadValues(hidden: Tensor, weight: Tensor): Tensor {
  return squeeze(matmul(hidden, weight), [-1]);
}

/**
 * Each row's value at its last real token, [B], from values [B, T] and attentionMask [B, T] bool: the last true
 * column, so right- and left-padded rows both work. The column comes from the mask alone, so no gradient flows
 * through the choice.
 */
export function lastTokenValues(values: Tensor, attentionMask: Tensor): Tensor {
  const T = attentionMask.shape[1];
  if (attentionMask.rank !== 2 || typeof T !== 'number') throw new InputError(`lastTokenValues: attentionMask must be [B, T] with a static T, got ${attentionMask}`);
  const columns = constant(values.graph, { dtype: values.dtype, shape: [T], values: Array.from({ length: T }, (_, t) => t) });
  const realColumns = where(attentionMask, columns, -1);
  const isLast = cast(equal(realColumns, reduceMax(realColumns, [1], true)), values.dtype);
  return reduceSum(mul(values, isLast), [1]);
}
