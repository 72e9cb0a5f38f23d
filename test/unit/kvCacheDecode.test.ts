import '../helpers/shareTypedArraysWithOrt';
import { CachedBatch, FloatDType, GraphRunner, InferenceModel, leftPad, prefillGraph, sessionCacheRunner, weightFeeds } from '../../engine/infer';
import { ModelConfig, initParameters, validateModelConfig } from '../../engine/model';
import { Engine, SessionCache } from '../../engine/runtime';

const config: ModelConfig = validateModelConfig({
  vocabSize: 37, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 48, maxSeqLen: 128, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: false,
});
/** Two rows of different lengths, left-padded in the prefill. */
const prompts = [[5, 9, 2, 30, 7], [11, 3]];
const PAD = 0;

/**
 * What is added to the rows after the prefill, call by call: single tokens (decode steps), an observation of a
 * different length per row (one row gets none), then single tokens again. Long enough to grow the cache past one
 * 64-slot block.
 */
const calls: number[][][] = [
  [[4], [23]],
  [[8], [1]],
  [[12, 13, 14], [20, 21, 22, 24, 25, 26]],
  [[], [17]],
  [[15], [36]],
  ...Array.from({ length: 60 }, (_, i) => [[(i * 7) % 37], [(i * 11 + 3) % 37]]),
];

/** The same in Qwen3's shape: per-head q/k norms, heads wider than dModel / nHeads, no biases. */
const qwen3: ModelConfig = validateModelConfig({ ...config, qkvBias: false, qkNorm: true, headDim: 12 });

function model(dtype: FloatDType, cache: SessionCache, shape: ModelConfig): InferenceModel {
  const make = (v: Float64Array) => (dtype === 'float32' ? Float32Array.from(v) : v);
  return { runner: sessionCacheRunner(cache), config: shape, weights: new Map([...initParameters(shape, 11, 0.3)].map(([n, v]) => [n, make(v)])) };
}

/** Max |a - b| between the cached batch's last-token logits after every call and a full recomputation's at the same token. */
async function cachedAgainstRecompute(dtype: FloatDType, shape = config): Promise<number> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  const m = model(dtype, cache, shape);
  const batch = await CachedBatch.prefill(m, prompts, PAD);
  const sequences = prompts.map((p) => [...p]);
  const seen: Array<{ row: number; index: number; logits: Float32Array | Float64Array }> = [];
  const note = (rows: number[]) => rows.forEach((row) => seen.push({ row, index: sequences[row].length - 1, logits: batch.logits(row).slice() }));
  note([0, 1]);
  for (const added of calls) {
    await batch.extend(added);
    added.forEach((t, row) => sequences[row].push(...t));
    note([0, 1].filter((row) => added[row].length > 0));
  }
  const T = Math.max(...sequences.map((s) => s.length));
  const full = leftPad(sequences, T, PAD);
  const dims = [sequences.length, T];
  const whole = (
    await m.runner.run(prefillGraph(shape, sequences.length, T, dtype, false).toOnnxBytes(), {
      ...weightFeeds(m).feeds,
      tokens: { dtype: 'int64', dims, data: full.tokens },
      attentionMask: { dtype: 'bool', dims, data: full.attentionMask },
      positions: { dtype: 'int64', dims, data: full.positions },
    })
  ).logits.data as Float32Array | Float64Array;
  await cache.release();
  const V = shape.vocabSize;
  let maxDiff = 0;
  let maxLogit = 0;
  for (const { row, index, logits } of seen) {
    const column = full.starts[row] + index;
    for (let v = 0; v < V; v++) {
      const expected = whole[(row * T + column) * V + v];
      maxDiff = Math.max(maxDiff, Math.abs(logits[v] - expected));
      maxLogit = Math.max(maxLogit, Math.abs(expected));
    }
  }
  expect(seen.length).toBe(2 + calls.reduce((n, added) => n + added.filter((t) => t.length > 0).length, 0));
  expect(maxLogit).toBeGreaterThan(0.5); // the comparison is not between near-zero logits
  return maxDiff;
}

/** Every call's last-token logits, with the model on `runner`. */
async function logitsAlong(runner: GraphRunner): Promise<number[][]> {
  const m: InferenceModel = { runner, config, weights: new Map([...initParameters(config, 11, 0.3)].map(([n, v]) => [n, Float32Array.from(v)])) };
  const batch = await CachedBatch.prefill(m, prompts, PAD);
  const seen: number[][] = [];
  for (const added of calls) {
    await batch.extend(added);
    seen.push(...[0, 1].map((row) => [...batch.logits(row)]));
  }
  await batch.close();
  return seen;
}

describe('KV-cache decoding and continuing after inserted tokens, against full recomputation (left-padded batch of two)', () => {
  test('float32: logits within 1e-5', async () => {
    const diff = await cachedAgainstRecompute('float32');
    process.stdout.write(`kv cache vs recompute, float32: max |diff| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-5);
  });

  test('float64: logits within 1e-12', async () => {
    const diff = await cachedAgainstRecompute('float64');
    process.stdout.write(`kv cache vs recompute, float64: max |diff| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-12);
  });

  test('Qwen3 shape, float64: logits within 1e-12', async () => {
    const diff = await cachedAgainstRecompute('float64', qwen3);
    process.stdout.write(`kv cache vs recompute, qwen3 shape, float64: max |diff| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-12);
  });

  test('on the Engine (weights and cache kept on its thread): the same bytes as on the calling thread', async () => {
    const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
    const engine = new Engine({ threads: 1 });
    try {
      expect(await logitsAlong(engine)).toEqual(await logitsAlong(sessionCacheRunner(cache)));
    } finally {
      await engine.close();
      await cache.release();
    }
  });

  test('a long prefill (queries in blocks) equals a short one (all at once) continued through the cache, float64 within 1e-12', async () => {
    const long: ModelConfig = { ...config, maxSeqLen: 1024 };
    const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
    const m: InferenceModel = { runner: sessionCacheRunner(cache), config: long, weights: new Map(initParameters(long, 5, 0.3)) };
    const T = 600;
    const sequence = Array.from({ length: T }, (_, i) => (i * 13 + 5) % long.vocabSize);
    const whole = await CachedBatch.prefill(m, [sequence], PAD);
    const split = await CachedBatch.prefill(m, [sequence.slice(0, 200)], PAD);
    await split.extend([sequence.slice(200)]);
    const gap = Math.max(...[...whole.logits(0)].map((x, v) => Math.abs(x - split.logits(0)[v])));
    await cache.release();
    expect(gap).toBeLessThan(1e-12);
  });
});
