/**
 * Greedy decode tokens/s with a KV cache, ours (the sampler's decode graph, KvCacheBuffers and token choice) against
 * PyTorch with a preallocated KV cache (bench/decode_torch.py, spawned here), at batch 1 and 16, context 64 and 1024,
 * for tiny, small and base. Both sides start from a cache filled with random keys/values (prefill is not timed)
 * and decode STEPS tokens per row, so the context runs from context - STEPS + 1 to context.
 * Run: npx tsc -p . && DRL_TORCH_PYTHON=/path/to/venv/bin/python node dist/bench/decode.bench.js [rounds]
 */
import { headDim, initParameters, NamedSize, namedSizes, parameterSpecs } from '../engine/model';
import { InferenceModel, KvCacheBuffers, cacheName, chooseToken, graphBytes, logSoftmax, sessionCacheRunner } from '../engine/infer';
import { HostTensor, HostTensors, SessionCache } from '../engine/runtime';
import { Rng } from '../core/rng';
import { fmt, median, peerConfig, runPeer, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 5);
const STEPS = 16;
const sizes: NamedSize[] = ['tiny', 'small', 'base'];
const cases = sizes.flatMap((size) => [1, 16].flatMap((batch) => [64, 1024].map((context) => ({ size, batch, context }))));

function randomFloats(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => 0.2 * (rng.next() - 0.5));
}

/** Tokens/s of STEPS decode steps for all rows, built as engine/infer/sampler.ts builds its decode feeds. */
async function ourRate(model: InferenceModel, batch: number, context: number, steps: number): Promise<number> {
  const { config, runner } = model;
  const weights: HostTensors = Object.fromEntries(parameterSpecs(config).map((s) => [s.name, { dtype: 'float32', dims: s.shape, data: model.weights.get(s.name)! }]));
  const past = context - steps;
  const stepDims = [batch, config.nKvHeads, headDim(config)];
  const cache = new KvCacheBuffers('float32', config.nLayers, context, stepDims);
  const rng = new Rng(7);
  const filler = (): HostTensor[] => Array.from({ length: config.nLayers }, () => ({ dtype: 'float32', dims: [past, ...stepDims], data: randomFloats(past * batch * stepDims[1] * stepDims[2], rng) }));
  cache.append(past, filler(), filler());
  let tokens = Array.from({ length: batch }, (_, r) => (r * 31) % config.vocabSize);
  const graph = graphBytes('decode', config, 'float32', batch);
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    const ctx = cache.length + 1;
    const feeds: HostTensors = {
      ...weights,
      tokens: { dtype: 'int64', dims: [batch, 1], data: BigInt64Array.from(tokens, BigInt) },
      positions: { dtype: 'int64', dims: [batch, 1], data: new BigInt64Array(batch).fill(BigInt(cache.length)) },
      attentionMask: { dtype: 'bool', dims: [batch, ctx], data: new Uint8Array(batch * ctx).fill(1) },
    };
    for (let l = 0; l < config.nLayers; l++) {
      feeds[cacheName('past', l, 'keys')] = cache.feed('keys', l);
      feeds[cacheName('past', l, 'values')] = cache.feed('values', l);
    }
    const out = await runner.run(graph, feeds);
    cache.append(1, Array.from({ length: config.nLayers }, (_, l) => out[cacheName('present', l, 'keys')]), Array.from({ length: config.nLayers }, (_, l) => out[cacheName('present', l, 'values')]));
    const logits = out.logits.data as Float32Array;
    const V = config.vocabSize;
    tokens = tokens.map((_, r) => chooseToken(logSoftmax(logits.subarray(r * V, (r + 1) * V)), { temperature: 0, topK: 0, topP: 1 }, rng));
  }
  return (batch * steps) / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' });
  const runner = sessionCacheRunner(cache);
  const models = new Map(sizes.map((size) => {
    const config = namedSizes[size];
    const weights = new Map([...initParameters(config, 1)].map(([name, w]) => [name, Float32Array.from(w)]));
    return [size, { runner, config, weights } satisfies InferenceModel];
  }));
  const ours: number[][] = [];
  for (const { size, batch, context } of cases) {
    await ourRate(models.get(size)!, batch, context, 2); // warm-up: session creation, first allocations
    const rates: number[] = [];
    for (let r = 0; r < rounds; r++) rates.push(await ourRate(models.get(size)!, batch, context, STEPS));
    ours.push(rates);
    process.stderr.write(`ours ${size} b${batch} ctx${context}: ${rates.map((x) => fmt(x)).join(', ')} tok/s\n`);
  }
  const peer = runPeer<{ torch: string; results: number[][] }>('decode_torch.py', {
    threads,
    rounds,
    runs: cases.map(({ size, batch, context }) => ({ size, config: peerConfig(namedSizes[size]), batch, past: context - STEPS, steps: STEPS })),
  });
  console.log(`greedy decode with a KV cache, fp32, ${threads} threads each, ${STEPS} tokens per row ending at the context; onnxruntime-node vs torch ${peer.torch}; medians of ${rounds} rounds`);
  // Medians say what a run usually gets here; the best round is the least touched by the other work on the cores.
  console.log('size  | batch | context | ours tok/s median (best) | torch tok/s median (best) | ours/torch median | ours/torch best');
  cases.forEach(({ size, batch, context }, i) => {
    const [a, b] = [ours[i], peer.results[i]];
    const cell = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.max(...xs))})`;
    console.log(`${size.padEnd(5)} | ${String(batch).padStart(5)} | ${String(context).padStart(7)} | ${cell(a).padEnd(24)} | ${cell(b).padEnd(25)} | ${fmt(median(a) / median(b), 2).padStart(17)} | ${fmt(Math.max(...a) / Math.max(...b), 2).padStart(15)}`);
  });
  await cache.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
