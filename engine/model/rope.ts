import { Graph, Tensor, add, concat, constant, gather, mul, neg, slice, unsqueeze } from '../graph';

/** cos and sin tables [T, Dh] for positions 0..T-1, each frequency repeated over both halves (HF Llama layout). */
export function ropeTables(graph: Graph, dtype: Tensor['dtype'], seqLen: number, headDim: number, theta: number): { cos: Tensor; sin: Tensor } {
  const half = headDim / 2;
  const cos: number[] = [];
  const sin: number[] = [];
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < headDim; i++) {
      const angle = t / theta ** ((2 * (i % half)) / headDim);
      cos.push(Math.cos(angle));
      sin.push(Math.sin(angle));
    }
  }
  return { cos: constant(graph, { dtype, shape: [seqLen, headDim], values: cos }), sin: constant(graph, { dtype, shape: [seqLen, headDim], values: sin }) };
}

/** x * cos + rotate_half(x) * sin on the last axis of x [..., T, Dh]. */
export function applyRope(x: Tensor, tables: { cos: Tensor; sin: Tensor }): Tensor {
  const dh = x.shape[x.rank - 1] as number;
  const first = slice(x, [0], [dh / 2], [-1]);
  const second = slice(x, [dh / 2], [dh], [-1]);
  return add(mul(x, tables.cos), mul(concat([neg(second), first], -1), tables.sin));
}

/**
 * Rows of the tables at explicit positions [B, T], shaped [B, 1, 1, T, Dh] to broadcast over the heads. Looked up,
 * not recomputed, so a token gets bit-identical angles whether it is rotated in a prefill or in a decode step.
 */
export function ropeAt(positions: Tensor, tables: { cos: Tensor; sin: Tensor }): { cos: Tensor; sin: Tensor } {
  const rows = (table: Tensor): Tensor => unsqueeze(gather(table, positions, 0), [1, 2]);
  return { cos: rows(tables.cos), sin: rows(tables.sin) };
}
