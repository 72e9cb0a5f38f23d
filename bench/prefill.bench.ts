/**
 * Prefill of one 2,000-token prompt (maxSeqLen 2,048) into a KV cache, ours (CachedBatch.prefill, as generate
 * starts: the prompt is left-padded to its 2,048 bucket) against PyTorch (bench/prefill_torch.py, spawned here:
 * one causal forward writing a preallocated cache), tiny/small/base, weights fed (rollouts) or fixed (served).
 * Run: npx tsc -p . && DRL_TORCH_PYTHON=/path/to/venv/bin/python node dist/bench/prefill.bench.js [rounds=3]
 */
import { CachedBatch, InferenceModel, sessionCacheRunner } from '../engine/infer';
import { initParameters, modelOfSize, NamedSize } from '../engine/model';
import { SessionCache } from '../engine/runtime';
import { Rng } from '../core/rng';
import { fmt, median, peerConfig, runPeer, threads } from './benchSupport';

const rounds = Number(process.argv[2] ?? 3);
const PROMPT = 2000;
const MAX_SEQ_LEN = 2048;
const sizes: NamedSize[] = ['tiny', 'small', 'base'];
const MODES = ['fed', 'fixed'] as const;

async function main(): Promise<void> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' });
  const runner = sessionCacheRunner(cache);
  const rng = new Rng('prefill-bench');
  const prompt = Array.from({ length: PROMPT }, () => Math.floor(rng.next() * 256));
  const ours: Record<(typeof MODES)[number], number[][]> = { fed: [], fixed: [] };
  for (const size of sizes) {
    const config = modelOfSize(size, { maxSeqLen: MAX_SEQ_LEN });
    const weights = new Map([...initParameters(config, 1)].map(([name, w]) => [name, Float32Array.from(w)]));
    for (const mode of MODES) {
      const model: InferenceModel = { runner, config, weights, fixedWeights: mode === 'fixed' };
      await CachedBatch.prefill(model, [prompt], 0); // warm-up: graph build, session creation
      const rates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const started = performance.now();
        await CachedBatch.prefill(model, [prompt], 0);
        rates.push(PROMPT / ((performance.now() - started) / 1000));
      }
      ours[mode].push(rates);
      process.stderr.write(`ours ${mode} ${size}: ${rates.map((x) => fmt(x)).join(', ')} tok/s\n`);
    }
  }
  await cache.release();
  const peer = runPeer<{ torch: string; results: number[][] }>('prefill_torch.py', {
    threads,
    rounds,
    prompt: PROMPT,
    runs: sizes.map((size) => ({ size, config: peerConfig(modelOfSize(size, { maxSeqLen: MAX_SEQ_LEN })) })),
  });
  console.log(`prefill of a ${PROMPT}-token prompt into a KV cache (maxSeqLen ${MAX_SEQ_LEN}), fp32, ${threads} threads each; onnxruntime-node vs torch ${peer.torch}; prompt tokens/s, medians of ${rounds} rounds (best)`);
  console.log('size  | ours fed          | ours fixed        | torch             | fed/torch | fixed/torch');
  sizes.forEach((size, i) => {
    const [fed, fixed, torch] = [ours.fed[i], ours.fixed[i], peer.results[i]];
    const cell = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.max(...xs))})`.padEnd(17);
    console.log(`${size.padEnd(5)} | ${cell(fed)} | ${cell(fixed)} | ${cell(torch)} | ${fmt(median(fed) / median(torch), 2).padStart(9)} | ${fmt(median(fixed) / median(torch), 2).padStart(11)}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
