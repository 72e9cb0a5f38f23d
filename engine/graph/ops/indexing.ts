import { normAxis, requireDType, sameDType, shapeError } from '../shapeChecks';
import { Tensor, formatShape } from '../tensor';

/** Rows (or slices along `axis`) of `data` picked by int64 `indices`: the embedding lookup. */
export function gather(data: Tensor, indices: Tensor, axis = 0): Tensor {
  requireDType('Gather', indices, ['int64']);
  const a = normAxis('Gather', axis, data.rank);
  const shape = [...data.shape.slice(0, a), ...indices.shape, ...data.shape.slice(a + 1)];
  return data.graph.node('Gather', [data, indices], [{ dtype: data.dtype, shape }], { axis: { int: a } })[0];
}

/** out[i][j] = data[i][indices[i][j]] along `axis`: per-token log-probs from a log-softmax. */
export function gatherElements(data: Tensor, indices: Tensor, axis = 0): Tensor {
  requireDType('GatherElements', indices, ['int64']);
  const a = normAxis('GatherElements', axis, data.rank);
  const ok = indices.rank === data.rank && indices.shape.every((d, i) => i === a || d === data.shape[i]);
  if (!ok) throw shapeError('GatherElements', `indices ${formatShape(indices.shape)} must match data ${formatShape(data.shape)} off axis ${a}`);
  return data.graph.node('GatherElements', [data, indices], [{ dtype: data.dtype, shape: indices.shape }], { axis: { int: a } })[0];
}

/** data with `updates` added at `indices` along `axis`; repeated indices accumulate. */
export function scatterElementsAdd(data: Tensor, indices: Tensor, updates: Tensor, axis = 0): Tensor {
  requireDType('ScatterElements', indices, ['int64']);
  sameDType('ScatterElements', data, updates);
  const a = normAxis('ScatterElements', axis, data.rank);
  if (indices.rank !== data.rank || indices.shape.some((d, i) => d !== updates.shape[i])) {
    throw shapeError('ScatterElements', `indices ${formatShape(indices.shape)} and updates ${formatShape(updates.shape)} must match, with the rank of data ${formatShape(data.shape)}`);
  }
  const attrs = { axis: { int: a }, reduction: { str: 'add' } };
  return data.graph.node('ScatterElements', [data, indices, updates], [{ dtype: data.dtype, shape: data.shape }], attrs)[0];
}

/** data with `updates` added at the index tuples in the last axis of `indices`; repeated tuples accumulate. */
export function scatterNDAdd(data: Tensor, indices: Tensor, updates: Tensor): Tensor {
  requireDType('ScatterND', indices, ['int64']);
  sameDType('ScatterND', data, updates);
  const k = indices.shape[indices.rank - 1];
  if (typeof k !== 'number' || k > data.rank) throw shapeError('ScatterND', `last axis of indices ${formatShape(indices.shape)} must be static and <= rank of data ${formatShape(data.shape)}`);
  const expected = [...indices.shape.slice(0, -1), ...data.shape.slice(k)];
  if (updates.rank !== expected.length || updates.shape.some((d, i) => d !== expected[i])) {
    throw shapeError('ScatterND', `updates ${formatShape(updates.shape)} should be ${formatShape(expected)}`);
  }
  return data.graph.node('ScatterND', [data, indices, updates], [{ dtype: data.dtype, shape: data.shape }], { reduction: { str: 'add' } })[0];
}
