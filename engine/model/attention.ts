import { Tensor, add, and, cast, concat, constant, div, greater, exp, matmul, max, mul, reduceMax, reduceSum, reshape, scalar, slice, softmax, sub, transpose, unsqueeze, where } from '../graph';

/** Added to the scores of masked keys: finite, so a row with every key masked stays a uniform softmax, not NaN. */
const MASKED_SCORE = -1e9;

/**
 * One layer's keys (after RoPE) and values, each [B, Hkv, P, Dh]: a new token's are Dh contiguous numbers per head,
 * and q @ k^T reads the keys as they lie (ORT fuses the transpose into its GEMM as transB), so a cache is never
 * transposed, concatenated or copied. P may be symbolic (a cache's capacity).
 */
export interface LayerCache {
  keys: Tensor;
  values: Tensor;
}

/** Earlier tokens' keys and values, one entry per layer, and mask [B, P] bool: true on slots holding a real token. */
export interface PastCache {
  layers: LayerCache[];
  mask: Tensor;
}

/** Queries [B, Hkv, group, T, Dh] (grouped by the key/value head they share). */
type Queries = Tensor;

const swapLast = (x: Tensor): Tensor => transpose(x, [0, 1, 3, 2]);

function biasOf(allowed: Tensor, dtype: Tensor['dtype']): Tensor {
  return where(allowed, scalar(allowed.graph, dtype, 0), scalar(allowed.graph, dtype, MASKED_SCORE));
}

/**
 * The score bias of causal attention over this call's keys, padding keys (keyIsReal [B, T] false) masked:
 * [B, 1, 1, T, T], built once per call and shared by every layer.
 */
export function causalBias(keyIsReal: Tensor, dtype: Tensor['dtype']): Tensor {
  const T = keyIsReal.shape[1] as number;
  const g = keyIsReal.graph;
  const index = (shape: number[]) => constant(g, { dtype: 'int64', shape, values: Array.from({ length: T }, (_, i) => i) });
  // Built from two index vectors with fast elementwise kernels (ORT's broadcasting Where is slow at T x T).
  const future = mul(cast(greater(index([1, T]), index([T, 1])), dtype), MASKED_SCORE);
  return add(future, unsqueeze(biasOf(keyIsReal, dtype), [1, 2, 3]));
}

/** Queries per block of blockwise causal attention (see selfAttention). */
const QUERY_BLOCK = 256;

/**
 * Attention of T queries over this call's T keys and values [B, Hkv, 1, T, Dh] with causalBias: the training and
 * prefill path. Returns [B, Hkv, group, T, Dh]. From 2 x QUERY_BLOCK tokens on, queries go in blocks, each against
 * the keys up to its own end only: the masked upper triangle is never computed (at 2,048 tokens 56% of the scores),
 * and no T x T score tensor is held at once.
 */
export function selfAttention(q: Queries, keys: Tensor, values: Tensor, bias: Tensor): Tensor {
  const T = q.shape[3] as number;
  if (T < 2 * QUERY_BLOCK) return attend(q, keys, values, bias);
  const blocks: Tensor[] = [];
  for (let start = 0; start < T; start += QUERY_BLOCK) {
    const end = Math.min(start + QUERY_BLOCK, T);
    const upTo = (x: Tensor) => slice(x, [0], [end], [3]);
    blocks.push(attend(slice(q, [start], [end], [3]), upTo(keys), upTo(values), slice(bias, [start, 0], [end, end], [3, 4])));
  }
  return concat(blocks, 3);
}

function attend(q: Queries, keys: Tensor, values: Tensor, bias: Tensor): Tensor {
  const Dh = q.shape[q.rank - 1] as number;
  const scores = add(div(matmul(q, transpose(keys, [0, 1, 2, 4, 3])), Math.sqrt(Dh)), bias);
  return matmul(softmax(scores, -1), values);
}

/**
 * Attention of T new queries over a cache's keys and values plus the T new ones (causal among themselves, padding
 * masked). The cache is read once, in place: its scores and this call's are normalised together by one shared max
 * and sum instead of being concatenated, so nothing of cache size is copied. Returns [B, Hkv, group, T, Dh].
 */
export function cachedAttention(q: Queries, fresh: LayerCache, freshIsReal: Tensor, past: LayerCache, pastMask: Tensor): Tensor {
  const [B, Hkv, group, T, Dh] = q.shape as number[];
  // Grouped queries and time are both rows of one matmul per key/value head.
  const rows = reshape(mul(q, 1 / Math.sqrt(Dh)), [B, Hkv, group * T, Dh]);
  const causal = constant(q.graph, { dtype: 'bool', shape: [group * T, T], values: Array.from({ length: group * T * T }, (_, i) => i % T <= Math.floor(i / T) % T) });
  const pastScores = add(matmul(rows, swapLast(past.keys)), biasOf(unsqueeze(pastMask, [1, 2]), q.dtype));
  const freshScores = add(matmul(rows, swapLast(fresh.keys)), biasOf(and(causal, unsqueeze(freshIsReal, [1, 2])), q.dtype));
  const top = max(reduceMax(pastScores, [-1], true), reduceMax(freshScores, [-1], true));
  const pastWeights = exp(sub(pastScores, top));
  const freshWeights = exp(sub(freshScores, top));
  const total = add(reduceSum(pastWeights, [-1], true), reduceSum(freshWeights, [-1], true));
  const attended = div(add(matmul(pastWeights, past.values), matmul(freshWeights, fresh.values)), total);
  return reshape(attended, [B, Hkv, group, T, Dh]);
}
