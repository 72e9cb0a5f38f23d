import { FLOATS, normAxis, requireDType, shapeError } from '../shapeChecks';
import type { Dim, Tensor } from '../tensor';
import { int64s } from './constants';

function reduce(op: string, x: Tensor, axes: readonly number[], keepdims: boolean): Tensor {
  if (axes.length === 0) throw shapeError(op, 'needs at least one axis');
  const norm = axes.map((a) => normAxis(op, a, x.rank));
  if (new Set(norm).size !== norm.length) throw shapeError(op, `repeated axes ${axes.join(',')}`);
  const shape: Dim[] = [];
  x.shape.forEach((d, i) => {
    if (!norm.includes(i)) shape.push(d);
    else if (keepdims) shape.push(1);
  });
  const sorted = [...norm].sort((p, q) => p - q);
  return x.graph.node(op, [x, int64s(x.graph, sorted)], [{ dtype: x.dtype, shape }], { keepdims: { int: keepdims ? 1 : 0 } })[0];
}

export const reduceSum = (x: Tensor, axes: readonly number[], keepdims = false): Tensor => reduce('ReduceSum', x, axes, keepdims);
export const reduceMean = (x: Tensor, axes: readonly number[], keepdims = false): Tensor => reduce('ReduceMean', x, axes, keepdims);
/** Sum of squares in one pass, without materialising x * x; no gradient rule (the optimizer's gradient norm). */
export const reduceSumSquare = (x: Tensor, axes: readonly number[], keepdims = false): Tensor => reduce('ReduceSumSquare', x, axes, keepdims);
/** Max over axes; the gradient is shared evenly among tied maxima. */
export const reduceMax = (x: Tensor, axes: readonly number[], keepdims = false): Tensor => reduce('ReduceMax', x, axes, keepdims);

function softmaxLike(op: string, x: Tensor, axis: number): Tensor {
  requireDType(op, x, FLOATS);
  return x.graph.node(op, [x], [{ dtype: x.dtype, shape: x.shape }], { axis: { int: normAxis(op, axis, x.rank) } })[0];
}

export const softmax = (x: Tensor, axis = -1): Tensor => softmaxLike('Softmax', x, axis);
export const logSoftmax = (x: Tensor, axis = -1): Tensor => softmaxLike('LogSoftmax', x, axis);
