import type { ConstantData } from '../constantData';
import type { DType } from '../dtype';
import type { Graph } from '../graph';
import type { Tensor } from '../tensor';

/** A Constant node (not a parameter: summary() does not count it). */
export function constant(graph: Graph, data: ConstantData): Tensor {
  const known = data.dtype === 'int64' ? Array.from(data.values as ArrayLike<number>) : undefined;
  return graph.node('Constant', [], [{ dtype: data.dtype, shape: data.shape, known }], { value: { tensor: data } })[0];
}

export function scalar(graph: Graph, dtype: DType, value: number): Tensor {
  return constant(graph, { dtype, shape: [], values: [value] });
}

/** A scalar of the same dtype as `like`, for arithmetic with it. */
export function scalarLike(like: Tensor, value: number): Tensor {
  return scalar(like.graph, like.dtype, value);
}

/** A 1-D int64 constant: axes, sizes, starts, shapes. */
export function int64s(graph: Graph, values: readonly number[]): Tensor {
  return constant(graph, { dtype: 'int64', shape: [values.length], values });
}
