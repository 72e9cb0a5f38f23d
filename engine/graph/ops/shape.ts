import type { DType } from '../dtype';
import { normAxis, shapeError } from '../shapeChecks';
import { Dim, Shape, Tensor, formatShape, staticSize } from '../tensor';
import { int64s } from './constants';

/**
 * Reshape to `shape`. A symbolic dim must sit at the same position in the input (it is copied, ONNX 0); at most
 * one -1 is inferred.
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const spec = shape.map((d, i) => {
    if (typeof d === 'number') return d;
    if (x.shape[i] !== d) throw shapeError('Reshape', `symbolic dim ${d} must keep its position: ${formatShape(x.shape)} -> ${formatShape(shape)}`);
    return 0;
  });
  if (spec.filter((d) => d === -1).length > 1) throw shapeError('Reshape', `more than one -1 in ${formatShape(shape)}`);
  const inSize = staticSize(x.shape.filter((d, i) => !(typeof d === 'string' && shape[i] === d)));
  const known = shape.filter((d) => typeof d === 'number' && d !== -1) as number[];
  const outSize = known.reduce((p, q) => p * q, 1);
  let out: Dim[] = [...shape];
  if (inSize !== undefined) {
    const inferred = spec.includes(-1) ? inSize / outSize : undefined;
    if ((inferred === undefined && inSize !== outSize) || (inferred !== undefined && !Number.isInteger(inferred))) {
      throw shapeError('Reshape', `cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)}`);
    }
    out = shape.map((d) => (d === -1 ? (inferred as number) : d));
  } else if (spec.includes(-1)) {
    throw shapeError('Reshape', `cannot infer -1 when ${formatShape(x.shape)} has symbolic dims that move`);
  }
  return x.graph.node('Reshape', [x, int64s(x.graph, spec)], [{ dtype: x.dtype, shape: out }])[0];
}

/** Reshape to the runtime shape of `like` (works with symbolic dims in any position). */
export function reshapeLike(x: Tensor, like: Tensor): Tensor {
  return x.graph.node('Reshape', [x, shapeOf(like)], [{ dtype: x.dtype, shape: like.shape }])[0];
}

export function shapeOf(x: Tensor): Tensor {
  const known = x.shape.every((d) => typeof d === 'number') ? (x.shape as number[]) : undefined;
  return x.graph.node('Shape', [x], [{ dtype: 'int64', shape: [x.rank], known }])[0];
}

/** Number of elements as an int64 scalar. */
export function size(x: Tensor): Tensor {
  return x.graph.node('Size', [x], [{ dtype: 'int64', shape: [] }])[0];
}

/** A tensor of `value` with the runtime shape of `like`. */
export function fillLike(like: Tensor, value: number, dtype: DType = like.dtype): Tensor {
  const attrs = { value: { tensor: { dtype, shape: [1], values: [value] } } };
  return like.graph.node('ConstantOfShape', [shapeOf(like)], [{ dtype, shape: like.shape }], attrs)[0];
}

export function transpose(x: Tensor, perm: readonly number[] = x.shape.map((_, i) => x.rank - 1 - i)): Tensor {
  const sorted = [...perm].sort((a, b) => a - b);
  if (perm.length !== x.rank || sorted.some((p, i) => p !== i)) throw shapeError('Transpose', `perm [${perm}] is not a permutation of ${x.rank} axes for ${formatShape(x.shape)}`);
  return x.graph.node('Transpose', [x], [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p]) }], { perm: { ints: perm } })[0];
}

export function unsqueeze(x: Tensor, axes: readonly number[]): Tensor {
  const rank = x.rank + axes.length;
  const norm = axes.map((a) => normAxis('Unsqueeze', a, rank));
  if (new Set(norm).size !== norm.length) throw shapeError('Unsqueeze', `repeated axes ${axes.join(',')}`);
  const rest = [...x.shape];
  const shape = Array.from({ length: rank }, (_, i) => (norm.includes(i) ? 1 : (rest.shift() as Dim)));
  return x.graph.node('Unsqueeze', [x, int64s(x.graph, norm)], [{ dtype: x.dtype, shape, known: x.known }])[0];
}

export function squeeze(x: Tensor, axes: readonly number[]): Tensor {
  const norm = axes.map((a) => normAxis('Squeeze', a, x.rank));
  for (const a of norm) if (x.shape[a] !== 1) throw shapeError('Squeeze', `axis ${a} of ${formatShape(x.shape)} is not 1`);
  return x.graph.node('Squeeze', [x, int64s(x.graph, norm)], [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !norm.includes(i)), known: x.known }])[0];
}

/** Broadcast to `shape` (numpy rules, ONNX Expand). */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const target = shape.slice(shape.length - x.rank);
  x.shape.forEach((d, i) => {
    if (d !== 1 && d !== target[i]) throw shapeError('Expand', `cannot expand ${formatShape(x.shape)} to ${formatShape(shape)}`);
  });
  if (shape.length < x.rank) throw shapeError('Expand', `cannot expand ${formatShape(x.shape)} to lower rank ${formatShape(shape)}`);
  return x.graph.node('Expand', [x, int64s(x.graph, shape)], [{ dtype: x.dtype, shape }])[0];
}

/** Expand to the runtime shape of `like` (for gradients through symbolic dims). */
export function expandLike(x: Tensor, like: Tensor): Tensor {
  return x.graph.node('Expand', [x, shapeOf(like)], [{ dtype: x.dtype, shape: like.shape }])[0];
}

/** Static slice along `axes` with positive steps; ends past the dim are clamped as ONNX does. */
export function slice(x: Tensor, starts: readonly number[], ends: readonly number[], axes: readonly number[] = starts.map((_, i) => i), steps: readonly number[] = starts.map(() => 1)): Tensor {
  if (starts.length !== ends.length || axes.length !== starts.length || steps.length !== starts.length) {
    throw shapeError('Slice', 'starts, ends, axes and steps need the same length');
  }
  const shape: Dim[] = [...x.shape];
  const norm = axes.map((a) => normAxis('Slice', a, x.rank));
  norm.forEach((a, i) => {
    const d = x.shape[a];
    if (steps[i] <= 0) throw shapeError('Slice', `steps must be positive, got ${steps[i]}`);
    if (typeof d !== 'number') throw shapeError('Slice', `axis ${a} of ${formatShape(x.shape)} is symbolic; slice a static axis`);
    const clampIdx = (v: number): number => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
    const len = clampIdx(ends[i]) - clampIdx(starts[i]);
    shape[a] = Math.max(0, Math.ceil(len / steps[i]));
  });
  const g = x.graph;
  return g.node('Slice', [x, int64s(g, starts), int64s(g, ends), int64s(g, norm), int64s(g, steps)], [{ dtype: x.dtype, shape }])[0];
}

export function concat(xs: readonly Tensor[], axis: number): Tensor {
  if (xs.length === 0) throw shapeError('Concat', 'needs at least one input');
  const first = xs[0];
  const a = normAxis('Concat', axis, first.rank);
  let total: Dim = 0;
  for (const x of xs) {
    const ok = x.dtype === first.dtype && x.rank === first.rank && x.shape.every((d, i) => i === a || d === first.shape[i]);
    if (!ok) throw shapeError('Concat', `inputs differ off axis ${a}: ${xs.map((t) => `${t.dtype}${formatShape(t.shape)}`).join(', ')}`);
    const d = x.shape[a];
    if (typeof d !== 'number' || typeof total !== 'number') throw shapeError('Concat', `axis ${a} must be static, got ${xs.map((t) => formatShape(t.shape)).join(', ')}`);
    total += d;
  }
  const shape = first.shape.map((d, i) => (i === a ? total : d));
  return first.graph.node('Concat', xs, [{ dtype: first.dtype, shape }], { axis: { int: a } })[0];
}

export function split(x: Tensor, sizes: readonly number[], axis: number): Tensor[] {
  const a = normAxis('Split', axis, x.rank);
  const total = sizes.reduce((p, q) => p + q, 0);
  if (x.shape[a] !== total) throw shapeError('Split', `sizes [${sizes}] sum to ${total}, but axis ${a} of ${formatShape(x.shape)} is ${x.shape[a]}`);
  const outs = sizes.map((s) => ({ dtype: x.dtype, shape: x.shape.map((d, i) => (i === a ? s : d)) }));
  return x.graph.node('Split', [x, int64s(x.graph, sizes)], outs, { axis: { int: a } });
}

/** Zero padding; `pads` = [begin_0, ..., begin_n, end_0, ..., end_n] as ONNX orders them. */
export function pad(x: Tensor, pads: readonly number[]): Tensor {
  if (pads.length !== 2 * x.rank || pads.some((p) => p < 0)) throw shapeError('Pad', `needs ${2 * x.rank} non-negative pads for ${formatShape(x.shape)}, got [${pads}]`);
  const shape = x.shape.map((d, i) => {
    if (pads[i] === 0 && pads[i + x.rank] === 0) return d;
    if (typeof d !== 'number') throw shapeError('Pad', `cannot pad symbolic axis ${i} of ${formatShape(x.shape)}`);
    return d + pads[i] + pads[i + x.rank];
  });
  return x.graph.node('Pad', [x, int64s(x.graph, pads)], [{ dtype: x.dtype, shape }], { mode: { str: 'constant' } })[0];
}
