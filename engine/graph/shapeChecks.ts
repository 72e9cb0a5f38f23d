import { InputError } from '../../core/errors';
import type { DType } from './dtype';
import { Dim, Shape, Tensor, formatShape } from './tensor';

export function shapeError(op: string, message: string): InputError {
  return new InputError(`${op}: ${message}`);
}

/** Numpy-style broadcast of two shapes; a symbolic dim broadcasts only against 1 or itself. */
export function broadcastShapes(op: string, a: Shape, b: Shape): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === db || db === 1) out.push(da);
    else if (da === 1) out.push(db);
    else throw shapeError(op, `cannot broadcast ${formatShape(a)} with ${formatShape(b)}`);
  }
  return out;
}

/** An axis in [-rank, rank) made non-negative. */
export function normAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw shapeError(op, `axis ${axis} is out of range for rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

export function sameDType(op: string, ...ts: Tensor[]): DType {
  const dtype = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== dtype) throw shapeError(op, `dtypes differ: ${ts.map((x) => x.dtype).join(', ')}`);
  }
  return dtype;
}

export function requireDType(op: string, t: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(t.dtype)) throw shapeError(op, `${t.name} is ${t.dtype}, expected ${allowed.join(' or ')}`);
}

export const FLOATS: readonly DType[] = ['float32', 'float64'];
