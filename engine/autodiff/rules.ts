import { InputError } from '../../core/errors';
import {
  GraphNode, Tensor, and, cast, concat, div, equal, exp, expandLike, fillLike, gemm, greaterOrEqual, isFloat, lessOrEqual, log,
  matmul, mul, neg, pad, pow, reduceSum, reshape, reshapeLike, scatterElementsAdd, scatterNDAdd, sign, size, split, staticSize, sub, transpose, unsqueeze,
  where,
} from '../graph';
import { reduceToShape as unbroadcast } from './reduceToShape';

/** Gradients of a node's inputs from its outputs' gradients; undefined where an input has no gradient. */
export type GradientRule = (dys: Tensor[], node: GraphNode) => Array<Tensor | undefined>;

const known = (t: Tensor, what: string, node: GraphNode): readonly number[] => {
  if (!t.known) throw new InputError(`autodiff: ${node.opType} ${node.name} needs its ${what} known while building`);
  return t.known;
};
const swapLast = (t: Tensor): Tensor => transpose(t, [...t.shape.keys()].map((i) => (i < t.rank - 2 ? i : 2 * t.rank - 3 - i)));
const keepReduced = (dy: Tensor, n: GraphNode): Tensor =>
  n.attrs.keepdims && 'int' in n.attrs.keepdims && n.attrs.keepdims.int === 1 ? dy : unsqueeze(dy, known(n.inputs[1], 'axes', n));
const intAttr = (n: GraphNode, name: string, fallback: number): number => {
  const a = n.attrs[name];
  return a && 'int' in a ? a.int : fallback;
};
/** ONNX stores float attributes as float32, so the forward pass used the rounded value. */
const floatAttr = (n: GraphNode, name: string): number => {
  const a = n.attrs[name];
  return a && 'float' in a ? Math.fround(a.float) : 1;
};
const sizeRatio = (y: Tensor, x: Tensor): Tensor => div(cast(size(y), y.dtype), cast(size(x), y.dtype));

/** Gather along `axis`: move the axis to the front, scatter-add the rows (indices are non-negative token ids), move it back. */
function gatherGradient(dy: Tensor, data: Tensor, indices: Tensor, axis: number): Tensor {
  const r = indices.rank;
  const rows = unsqueeze(indices, [-1]);
  if (axis === 0) return scatterNDAdd(fillLike(data, 0), rows, dy);
  const front = [axis, ...[...data.shape.keys()].filter((i) => i !== axis)];
  const dyFront = transpose(dy, [...Array.from({ length: r }, (_, i) => axis + i), ...[...Array(axis).keys()], ...[...Array(dy.rank - axis - r).keys()].map((i) => axis + r + i)]);
  const scattered = scatterNDAdd(fillLike(transpose(data, front), 0), rows, dyFront);
  return transpose(scattered, [...Array(data.rank).keys()].map((i) => (i < axis ? i + 1 : i === axis ? 0 : i)));
}

/** Slice with unit steps: the gradient is dy zero-padded back to the input's extent. */
function sliceGradient(dy: Tensor, n: GraphNode): Tensor {
  const [x, starts, ends, axes, steps] = n.inputs;
  if (known(steps, 'steps', n).some((s) => s !== 1)) throw new InputError(`autodiff: Slice ${n.name} has steps other than 1, which have no gradient rule`);
  const pads = new Array<number>(2 * x.rank).fill(0);
  known(axes, 'axes', n).forEach((a, i) => {
    const d = x.shape[a] as number;
    const clampIdx = (v: number): number => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
    pads[a] = clampIdx(known(starts, 'starts', n)[i]);
    pads[a + x.rank] = d - clampIdx(known(ends, 'ends', n)[i]);
  });
  return pad(dy, pads);
}

/**
 * A 2-D weight shared by every row of a batched `a` [..., M, K] gets its gradient as one [K, rows] x [rows, N] GEMM
 * over the flattened rows; the batched product would write a [..., K, N] gradient per batch entry and then sum them.
 */
function matmulGradient(dy: Tensor, n: GraphNode): Array<Tensor | undefined> {
  const [a, b] = n.inputs;
  const da = unbroadcast(matmul(dy, swapLast(b)), a);
  if (b.rank !== 2 || a.rank <= 2 || staticSize(a.shape) === undefined) return [da, unbroadcast(matmul(swapLast(a), dy), b)];
  const rows = (t: Tensor): Tensor => reshape(t, [-1, t.shape[t.rank - 1]]);
  return [da, gemm(rows(a), rows(dy), undefined, { transA: true })];
}

function gemmGradient(dy: Tensor, n: GraphNode): Array<Tensor | undefined> {
  const [a, b, c] = n.inputs;
  const [tA, tB, alpha] = [intAttr(n, 'transA', 0) === 1, intAttr(n, 'transB', 0) === 1, floatAttr(n, 'alpha')];
  return [
    tA ? gemm(b, dy, undefined, { transA: tB, transB: true, alpha }) : gemm(dy, b, undefined, { transB: !tB, alpha }),
    tB ? gemm(dy, a, undefined, { transA: true, transB: tA, alpha }) : gemm(a, dy, undefined, { transA: !tA, alpha }),
    c && unbroadcast(mul(dy, floatAttr(n, 'beta')), c),
  ];
}

/** One rule per op type, tinygrad style: x = inputs, y = first output. */
export const gradientRules: Record<string, GradientRule> = {
  Identity: ([dy]) => [dy],
  Add: ([dy], { inputs: [a, b] }) => [unbroadcast(dy, a), unbroadcast(dy, b)],
  Sub: ([dy], { inputs: [a, b] }) => [unbroadcast(dy, a), unbroadcast(neg(dy), b)],
  Mul: ([dy], { inputs: [a, b] }) => [unbroadcast(mul(dy, b), a), unbroadcast(mul(dy, a), b)],
  Div: ([dy], { inputs: [a, b], outputs: [y] }) => [unbroadcast(div(dy, b), a), unbroadcast(neg(div(mul(dy, y), b)), b)],
  Pow: ([dy], { inputs: [a, b], outputs: [y] }) => [unbroadcast(mul(dy, mul(b, pow(a, sub(b, 1)))), a), unbroadcast(mul(dy, mul(y, log(a))), b)],
  Sqrt: ([dy], { outputs: [y] }) => [div(dy, mul(y, 2))],
  Exp: ([dy], { outputs: [y] }) => [mul(dy, y)],
  Log: ([dy], { inputs: [x] }) => [div(dy, x)],
  Neg: ([dy]) => [neg(dy)],
  Abs: ([dy], { inputs: [x] }) => [mul(dy, sign(x))],
  Reciprocal: ([dy], { outputs: [y] }) => [neg(mul(dy, mul(y, y)))],
  Sigmoid: ([dy], { outputs: [y] }) => [mul(dy, mul(y, sub(1, y)))],
  Tanh: ([dy], { outputs: [y] }) => [mul(dy, sub(1, mul(y, y)))],
  Softmax: ([dy], n) => [mul(n.outputs[0], sub(dy, reduceSum(mul(dy, n.outputs[0]), [intAttr(n, 'axis', -1)], true)))],
  LogSoftmax: ([dy], n) => [sub(dy, mul(exp(n.outputs[0]), reduceSum(dy, [intAttr(n, 'axis', -1)], true)))],
  MatMul: ([dy], n) => matmulGradient(dy, n),
  Gemm: ([dy], n) => gemmGradient(dy, n),
  ReduceSum: ([dy], n) => [expandLike(keepReduced(dy, n), n.inputs[0])],
  ReduceMean: ([dy], n) => [mul(expandLike(keepReduced(dy, n), n.inputs[0]), sizeRatio(n.outputs[0], n.inputs[0]))],
  // Tied maxima share the gradient evenly.
  ReduceMax: ([dy], n) => {
    const x = n.inputs[0];
    const hit = cast(equal(x, expandLike(keepReduced(n.outputs[0], n), x)), x.dtype);
    return [mul(hit, expandLike(div(keepReduced(dy, n), reduceSum(hit, known(n.inputs[1], 'axes', n), true)), x))];
  },
  Gather: ([dy], n) => [gatherGradient(dy, n.inputs[0], n.inputs[1], intAttr(n, 'axis', 0))],
  GatherElements: ([dy], n) => [scatterElementsAdd(fillLike(n.inputs[0], 0), n.inputs[1], dy, intAttr(n, 'axis', 0))],
  Reshape: ([dy], { inputs: [x] }) => [reshapeLike(dy, x)],
  Unsqueeze: ([dy], { inputs: [x] }) => [reshapeLike(dy, x)],
  Squeeze: ([dy], { inputs: [x] }) => [reshapeLike(dy, x)],
  Expand: ([dy], { inputs: [x] }) => [unbroadcast(dy, x)],
  Transpose: ([dy], { attrs }) => {
    const perm = 'ints' in attrs.perm ? attrs.perm.ints : [];
    return [transpose(dy, perm.map((_, i) => perm.indexOf(i)))];
  },
  Slice: ([dy], n) => [sliceGradient(dy, n)],
  Concat: ([dy], n) => split(dy, n.inputs.map((x) => x.shape[intAttr(n, 'axis', 0)] as number), intAttr(n, 'axis', 0)),
  Split: (dys, n) => [concat(dys, intAttr(n, 'axis', 0))],
  Where: ([dy], { inputs: [c, a, b] }) => [undefined, unbroadcast(where(c, dy, 0), a), unbroadcast(where(c, 0, dy), b)],
  // Ties go to the first input.
  Max: ([dy], { inputs: [a, b] }) => [unbroadcast(where(greaterOrEqual(a, b), dy, 0), a), unbroadcast(where(greaterOrEqual(a, b), 0, dy), b)],
  Min: ([dy], { inputs: [a, b] }) => [unbroadcast(where(lessOrEqual(a, b), dy, 0), a), unbroadcast(where(lessOrEqual(a, b), 0, dy), b)],
  // The bounds are constants here; the gradient passes inside [lo, hi], boundaries included.
  Clip: ([dy], { inputs: [x, lo, hi] }) => [lo ? where(hi ? and(greaterOrEqual(x, lo), lessOrEqual(x, hi)) : greaterOrEqual(x, lo), dy, 0) : dy],
  Cast: ([dy], { inputs: [x] }) => [isFloat(x.dtype) ? cast(dy, x.dtype) : undefined],
};
