import '../helpers/shareTypedArraysWithOrt';
import { FloatDType, KvCacheBuffers, cacheName, decodeGraph, leftPad, prefillGraph, sessionCacheRunner } from '../../engine/infer';
import { ModelConfig, headDim, initParameters, parameterSpecs, validateModelConfig } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';

const config: ModelConfig = validateModelConfig({
  vocabSize: 37, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 48, maxSeqLen: 32, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: true, tiedEmbeddings: false,
});
/** Two rows of different lengths, left-padded; each continues with the same four tokens. */
const prompts = [[5, 9, 2, 30, 7], [11, 3]];
const continuation = [[4, 8, 15, 16], [23, 1, 36, 0]];

function weights(dtype: FloatDType): HostTensors {
  const init = initParameters(config, 11, 0.3);
  const make = (v: Float64Array) => (dtype === 'float32' ? Float32Array.from(v) : v);
  return Object.fromEntries(parameterSpecs(config).map((s) => [s.name, { dtype, dims: s.shape, data: make(init.get(s.name)!) }]));
}

function batchFeeds(rows: number[][], length: number): HostTensors {
  const b = leftPad(rows, length, 0);
  const dims = [rows.length, length];
  return { tokens: { dtype: 'int64', dims, data: b.tokens }, attentionMask: { dtype: 'bool', dims, data: b.attentionMask }, positions: { dtype: 'int64', dims, data: b.positions } };
}

/** Max |a - b| between each decode step's logits and the full recomputation's logits at the same token. */
async function decodeAgainstRecompute(dtype: FloatDType): Promise<number> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  const run = sessionCacheRunner(cache).run;
  const w = weights(dtype);
  const [B, L, steps, V] = [prompts.length, 5, continuation[0].length, config.vocabSize];
  const kv = new KvCacheBuffers(dtype, config.nLayers, L + steps, [B, config.nKvHeads, headDim(config)]);
  const pick = (out: HostTensors, part: 'keys' | 'values') => Array.from({ length: config.nLayers }, (_, l) => out[cacheName('present', l, part)]);
  const prefill = await run(prefillGraph(config, B, L, dtype, true).toOnnxBytes(), { ...w, ...batchFeeds(prompts, L) });
  kv.append(L, pick(prefill, 'keys'), pick(prefill, 'values'));
  const decodeBytes = decodeGraph(config, B, dtype).toOnnxBytes();
  const promptMask = leftPad(prompts, L, 0).attentionMask;
  const stepLogits: Array<Float32Array | Float64Array> = [];
  for (let s = 0; s < steps; s++) {
    const context = kv.length + 1;
    const mask = new Uint8Array(B * context).fill(1);
    for (let b = 0; b < B; b++) mask.set(promptMask.subarray(b * L, (b + 1) * L), b * context);
    const feeds: HostTensors = {
      ...w,
      tokens: { dtype: 'int64', dims: [B, 1], data: BigInt64Array.from(continuation, (c) => BigInt(c[s])) },
      positions: { dtype: 'int64', dims: [B, 1], data: BigInt64Array.from(prompts, (p) => BigInt(p.length + s)) },
      attentionMask: { dtype: 'bool', dims: [B, context], data: mask },
    };
    for (let l = 0; l < config.nLayers; l++) {
      feeds[cacheName('past', l, 'keys')] = kv.feed('keys', l);
      feeds[cacheName('past', l, 'values')] = kv.feed('values', l);
    }
    const out = await run(decodeBytes, feeds);
    expect(out[cacheName('present', 0, 'keys')].dims).toEqual([1, B, config.nKvHeads, headDim(config)]);
    kv.append(1, pick(out, 'keys'), pick(out, 'values'));
    stepLogits.push(out.logits.data as Float32Array);
  }
  // Recompute: one prefill over prompt + continuation, right-aligned as the cache was.
  const full = prompts.map((p, b) => [...p, ...continuation[b]]);
  const T = L + steps;
  const whole = (await run(prefillGraph(config, B, T, dtype, false).toOnnxBytes(), { ...w, ...batchFeeds(full, T) })).logits.data as Float32Array;
  await cache.release();
  let maxDiff = 0;
  let maxLogit = 0;
  for (let s = 0; s < steps; s++) {
    for (let b = 0; b < B; b++) {
      for (let v = 0; v < V; v++) {
        const a = stepLogits[s][b * V + v];
        const e = whole[(b * T + L + s) * V + v];
        maxDiff = Math.max(maxDiff, Math.abs(a - e));
        maxLogit = Math.max(maxLogit, Math.abs(e));
      }
    }
  }
  expect(maxLogit).toBeGreaterThan(0.5); // the comparison is not between near-zero logits
  return maxDiff;
}

describe('KV-cache decode against full recomputation (left-padded batch of two)', () => {
  test('float32: logits within 1e-5', async () => {
    const diff = await decodeAgainstRecompute('float32');
    process.stdout.write(`kv decode vs recompute, float32: max |diff| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-5);
  });

  test('float64: logits within 1e-12', async () => {
    const diff = await decodeAgainstRecompute('float64');
    process.stdout.write(`kv decode vs recompute, float64: max |diff| ${diff.toExponential(2)}\n`);
    expect(diff).toBeLessThan(1e-12);
  });
});
