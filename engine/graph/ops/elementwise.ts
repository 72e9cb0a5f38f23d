import { DType, onnxDataType } from '../dtype';
import { FLOATS, broadcastShapes, requireDType, sameDType, shapeError } from '../shapeChecks';
import type { Tensor } from '../tensor';
import { scalarLike } from './constants';

function binary(op: string, a: Tensor, b: Tensor): Tensor {
  const dtype = sameDType(op, a, b);
  return a.graph.node(op, [a, b], [{ dtype, shape: broadcastShapes(op, a.shape, b.shape) }])[0];
}

function unaryFloat(op: string, x: Tensor): Tensor {
  requireDType(op, x, FLOATS);
  return x.graph.node(op, [x], [{ dtype: x.dtype, shape: x.shape }])[0];
}

function compare(op: string, a: Tensor, b: Tensor): Tensor {
  sameDType(op, a, b);
  return a.graph.node(op, [a, b], [{ dtype: 'bool', shape: broadcastShapes(op, a.shape, b.shape) }])[0];
}

/** A number operand becomes a scalar constant of the tensor's dtype. */
type Operand = Tensor | number;
function pair(a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') throw shapeError('elementwise', 'at least one operand must be a tensor');
  return [typeof a === 'number' ? scalarLike(b as Tensor, a) : a, typeof b === 'number' ? scalarLike(a as Tensor, b) : b];
}

export const add = (a: Operand, b: Operand): Tensor => binary('Add', ...pair(a, b));
export const sub = (a: Operand, b: Operand): Tensor => binary('Sub', ...pair(a, b));
export const mul = (a: Operand, b: Operand): Tensor => binary('Mul', ...pair(a, b));
export const div = (a: Operand, b: Operand): Tensor => binary('Div', ...pair(a, b));
export const pow = (a: Operand, b: Operand): Tensor => binary('Pow', ...pair(a, b));
/** Two-input Max; ties send the gradient to the first input. */
export const max = (a: Operand, b: Operand): Tensor => binary('Max', ...pair(a, b));
/** Two-input Min; ties send the gradient to the first input. */
export const min = (a: Operand, b: Operand): Tensor => binary('Min', ...pair(a, b));

export const equal = (a: Tensor, b: Tensor): Tensor => compare('Equal', a, b);
export const less = (a: Tensor, b: Tensor): Tensor => compare('Less', a, b);
export const greater = (a: Tensor, b: Tensor): Tensor => compare('Greater', a, b);
export const greaterOrEqual = (a: Tensor, b: Tensor): Tensor => compare('GreaterOrEqual', a, b);
export const lessOrEqual = (a: Tensor, b: Tensor): Tensor => compare('LessOrEqual', a, b);

export function and(a: Tensor, b: Tensor): Tensor {
  requireDType('And', a, ['bool']);
  return compare('And', a, b);
}

export function not(x: Tensor): Tensor {
  requireDType('Not', x, ['bool']);
  return x.graph.node('Not', [x], [{ dtype: 'bool', shape: x.shape }])[0];
}

export const sqrt = (x: Tensor): Tensor => unaryFloat('Sqrt', x);
export const exp = (x: Tensor): Tensor => unaryFloat('Exp', x);
export const log = (x: Tensor): Tensor => unaryFloat('Log', x);
export const neg = (x: Tensor): Tensor => unaryFloat('Neg', x);
export const abs = (x: Tensor): Tensor => unaryFloat('Abs', x);
export const sign = (x: Tensor): Tensor => unaryFloat('Sign', x);
export const reciprocal = (x: Tensor): Tensor => unaryFloat('Reciprocal', x);
export const sigmoid = (x: Tensor): Tensor => unaryFloat('Sigmoid', x);
export const tanh = (x: Tensor): Tensor => unaryFloat('Tanh', x);

export function identity(x: Tensor): Tensor {
  return x.graph.node('Identity', [x], [{ dtype: x.dtype, shape: x.shape, known: x.known }])[0];
}

export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  requireDType('Where', cond, ['bool']);
  const [ta, tb] = pair(a, b);
  const dtype = sameDType('Where', ta, tb);
  const shape = broadcastShapes('Where', cond.shape, broadcastShapes('Where', ta.shape, tb.shape));
  return cond.graph.node('Where', [cond, ta, tb], [{ dtype, shape }])[0];
}

/** Clip to [lo, hi] (either may be omitted); the gradient passes where lo <= x <= hi. */
export function clip(x: Tensor, lo?: Operand, hi?: Operand): Tensor {
  requireDType('Clip', x, FLOATS);
  const bound = (v: Operand | undefined): Tensor | undefined => {
    if (v === undefined) return undefined;
    const t = typeof v === 'number' ? scalarLike(x, v) : v;
    if (t.rank !== 0 || t.dtype !== x.dtype) throw shapeError('Clip', `bounds must be ${x.dtype} scalars, got ${t}`);
    return t;
  };
  const l = bound(lo);
  const h = bound(hi);
  // Clip's inputs are positional: a max without a min needs an explicit -inf min.
  const inputs = h ? [x, l ?? scalarLike(x, -Infinity), h] : l ? [x, l] : [x];
  return x.graph.node('Clip', inputs, [{ dtype: x.dtype, shape: x.shape }])[0];
}

export function cast(x: Tensor, to: DType): Tensor {
  return x.graph.node('Cast', [x], [{ dtype: to, shape: x.shape, known: x.known }], { to: { int: onnxDataType[to] } })[0];
}
