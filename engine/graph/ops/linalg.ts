import { Shape, Tensor, formatShape } from '../tensor';
import { FLOATS, broadcastShapes, requireDType, sameDType, shapeError } from '../shapeChecks';

/** Batched matrix product of rank >= 2 operands; the leading (batch) dims broadcast. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const dtype = sameDType('MatMul', a, b);
  requireDType('MatMul', a, FLOATS);
  if (a.rank < 2 || b.rank < 2) throw shapeError('MatMul', `operands need rank >= 2 (unsqueeze vectors), got ${formatShape(a.shape)} x ${formatShape(b.shape)}`);
  const [m, k1] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k1 !== k2) throw shapeError('MatMul', `inner dims differ, ${formatShape(a.shape)} x ${formatShape(b.shape)}`);
  const batch = broadcastShapes('MatMul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  return a.graph.node('MatMul', [a, b], [{ dtype, shape: [...batch, m, n] }])[0];
}

export interface GemmOptions {
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  beta?: number;
}

/** alpha * A' B' + beta * C for 2-D A and B; C broadcasts to the result. */
export function gemm(a: Tensor, b: Tensor, c: Tensor | undefined, options: GemmOptions = {}): Tensor {
  const { transA = false, transB = false, alpha = 1, beta = 1 } = options;
  const dtype = sameDType('Gemm', ...(c ? [a, b, c] : [a, b]));
  requireDType('Gemm', a, FLOATS);
  if (a.rank !== 2 || b.rank !== 2) throw shapeError('Gemm', `A and B must be 2-D, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const [m, k1] = transA ? [a.shape[1], a.shape[0]] : a.shape;
  const [k2, n] = transB ? [b.shape[1], b.shape[0]] : b.shape;
  if (k1 !== k2) throw shapeError('Gemm', `inner dims differ, ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} x ${formatShape(b.shape)}${transB ? 'ᵀ' : ''}`);
  const shape: Shape = [m, n];
  if (c) {
    const out = broadcastShapes('Gemm', shape, c.shape);
    if (out.length !== 2 || out[0] !== m || out[1] !== n) throw shapeError('Gemm', `C ${formatShape(c.shape)} does not broadcast to ${formatShape(shape)}`);
  }
  const attrs = { transA: { int: transA ? 1 : 0 }, transB: { int: transB ? 1 : 0 }, alpha: { float: alpha }, beta: { float: beta } };
  return a.graph.node('Gemm', c ? [a, b, c] : [a, b], [{ dtype, shape }], attrs)[0];
}
