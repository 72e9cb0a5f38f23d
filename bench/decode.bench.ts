/**
 * Greedy decode tokens/s with a KV cache, ours (the sampler's decode graph, KvCacheBuffers and token choice) against
 * PyTorch with a preallocated KV cache (bench/decode_torch.py, spawned here), at batch 1 and 16, context 64 and 1024,
 * for tiny, small and base. Both sides start from a cache filled with random keys/values (prefill is not timed)
 * and decode STEPS tokens per row, so the context runs from context - STEPS + 1 to context.
 * Run: npx tsc -p . && DRL_TORCH_PYTHON=/path/to/venv/bin/python node dist/bench/decode.bench.js [rounds]
 */
import { headDim, initParameters, NamedSize, namedSizes, parameterSpecs } from '../engine/model';
import { InferenceModel, chooseToken, graphBytes, logSoftmax, sessionCacheRunner } from '../engine/infer';
import { HostTensor, HostTensors, KvCacheBuffers, SessionCache, runWithCache } from '../engine/runtime';
import { Rng } from '../core/rng';
import { fmt, median, peerConfig, runPeer, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 5);
const STEPS = 16;
const WEIGHT_MODES = ['fed', 'fixed'] as const;
type WeightMode = (typeof WEIGHT_MODES)[number];
const sizes: NamedSize[] = ['tiny', 'small', 'base'];
const cases = sizes.flatMap((size) => [1, 16].flatMap((batch) => [64, 1024].map((context) => ({ size, batch, context }))));

function randomFloats(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => 0.2 * (rng.next() - 0.5));
}

/**
 * Tokens/s of STEPS decode steps for all rows, fed as engine/infer/cachedBatch.ts feeds its decode steps, the cache
 * read and extended by runWithCache as a runner does. Weights
 * are either fed every step (rollouts: each update makes new ones) or baked into the graph (fixed: served and
 * evaluated checkpoints), which lets ORT pre-pack them for its GEMMs. hostShare: the part of the time spent outside
 * the graph call (building feeds, writing the new keys and values into the cache, choosing tokens).
 */
async function ourRate(model: InferenceModel, batch: number, context: number, steps: number, mode: WeightMode): Promise<{ rate: number; hostShare: number }> {
  const { config, runner } = model;
  const weights: HostTensors =
    mode === 'fixed' ? {} : Object.fromEntries(parameterSpecs(config).map((s) => [s.name, { dtype: 'float32', dims: s.shape, data: model.weights.get(s.name)! }]));
  const past = context - steps;
  const [Hkv, Dh] = [config.nKvHeads, headDim(config)];
  const cache = new KvCacheBuffers({ dtype: 'float32', layers: config.nLayers, rows: batch, kvHeads: Hkv, headDim: Dh });
  const rng = new Rng(7);
  const filler = (dims: number[]): HostTensor[] => Array.from({ length: config.nLayers }, () => ({ dtype: 'float32', dims, data: randomFloats(past * batch * Hkv * Dh, rng) }));
  cache.append(past, filler([batch, Hkv, past, Dh]), filler([batch, Hkv, past, Dh]), new Uint8Array(batch * past).fill(1));
  let tokens = Array.from({ length: batch }, (_, r) => (r * 31) % config.vocabSize);
  const graph = graphBytes('decode', config, 'float32', batch, 1, mode === 'fixed' ? model.weights : undefined);
  const real = new Uint8Array(batch).fill(1);
  let inGraph = 0;
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    const feeds: HostTensors = {
      ...weights,
      tokens: { dtype: 'int64', dims: [batch, 1], data: BigInt64Array.from(tokens, BigInt) },
      positions: { dtype: 'int64', dims: [batch, 1], data: new BigInt64Array(batch).fill(BigInt(cache.length)) },
      attentionMask: { dtype: 'bool', dims: [batch, 1], data: real },
    };
    const out = await runWithCache(async (all) => {
      const called = performance.now();
      const outputs = await runner.run(graph, all);
      inGraph += performance.now() - called;
      return outputs;
    }, feeds, cache);
    const logits = out.lastLogits.data as Float32Array;
    const V = config.vocabSize;
    tokens = tokens.map((_, r) => chooseToken(logSoftmax(logits.subarray(r * V, (r + 1) * V)), { temperature: 0, topK: 0, topP: 1 }, rng));
  }
  const elapsed = performance.now() - started;
  return { rate: (batch * steps) / (elapsed / 1000), hostShare: 1 - inGraph / elapsed };
}

async function main(): Promise<void> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' });
  const runner = sessionCacheRunner(cache);
  const models = new Map(sizes.map((size) => {
    const config = namedSizes[size];
    const weights = new Map([...initParameters(config, 1)].map(([name, w]) => [name, Float32Array.from(w)]));
    return [size, { runner, config, weights } satisfies InferenceModel];
  }));
  const ours: Record<WeightMode, number[][]> = { fed: [], fixed: [] };
  const hostShares: Record<WeightMode, number[]> = { fed: [], fixed: [] };
  for (const { size, batch, context } of cases) {
    for (const mode of WEIGHT_MODES) {
      await ourRate(models.get(size)!, batch, context, 2, mode); // warm-up: session creation, first allocations
      const measured = [];
      for (let r = 0; r < rounds; r++) measured.push(await ourRate(models.get(size)!, batch, context, STEPS, mode));
      const rates = measured.map((m) => m.rate);
      ours[mode].push(rates);
      hostShares[mode].push(median(measured.map((m) => m.hostShare)));
      process.stderr.write(`ours ${mode} ${size} b${batch} ctx${context}: ${rates.map((x) => fmt(x)).join(', ')} tok/s\n`);
    }
  }
  const peer = runPeer<{ torch: string; results: number[][] }>('decode_torch.py', {
    threads,
    rounds,
    runs: cases.map(({ size, batch, context }) => ({ size, config: peerConfig(namedSizes[size]), batch, past: context - STEPS, steps: STEPS })),
  });
  console.log(`greedy decode with a KV cache, fp32, ${threads} threads each, ${STEPS} tokens per row ending at the context; onnxruntime-node vs torch ${peer.torch}; medians of ${rounds} rounds`);
  // Medians say what a run usually gets here; the best round is the least touched by the other work on the cores.
  console.log('size  | batch | context | ours fed tok/s median (best) | ours fixed tok/s median (best) | torch tok/s median (best) | fed/torch median (best) | fixed/torch median (best) | host share fed / fixed');
  cases.forEach(({ size, batch, context }, i) => {
    const [fed, fixed, torch] = [ours.fed[i], ours.fixed[i], peer.results[i]];
    const cell = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.max(...xs))})`;
    const ratio = (xs: number[]) => `${fmt(median(xs) / median(torch), 2)} (${fmt(Math.max(...xs) / Math.max(...torch), 2)})`;
    console.log(`${size.padEnd(5)} | ${String(batch).padStart(5)} | ${String(context).padStart(7)} | ${cell(fed).padEnd(28)} | ${cell(fixed).padEnd(30)} | ${cell(torch).padEnd(25)} | ${ratio(fed).padEnd(23)} | ${ratio(fixed).padEnd(25)} | ${fmt(100 * hostShares.fed[i])}% / ${fmt(100 * hostShares.fixed[i])}%`);
  });
  await cache.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
