/**
 * Train step (forward + SFT loss + backward + clipping + AdamW, fp32) of the engine's fused graph against the same
 * step in PyTorch (bench/trainStep_torch.py, spawned here) at tiny, small and base: same layout, batch, sequence
 * length and thread count. Rounds alternate ours and PyTorch so load from other work hits both; medians reported.
 * Each round also times ORT's own fp32 GEMM, and the step's FLOP rate is given as a share of it.
 * Run: npx tsc -p . && DRL_TORCH_PYTHON=/path/to/venv/bin/python node dist/bench/trainStep.bench.js [rounds]
 */
import { ModelConfig, NamedSize, initParameters, namedSizes } from '../engine/model';
import { HostTensors, SessionCache } from '../engine/runtime';
import { ADAMW_HYPERPARAMETERS, bucketFeeds, bucketParameters, parameterLayout, sftTrainStepGraph } from '../engine/train';
import { fmt, median, peerConfig, runPeer, threads } from './benchSupport';
import { gemmGflops, trainStepFlops } from './gemmPeak';

const rounds = Number(process.argv[2] ?? 3);
export const BATCH = 8;
export const SEQ_LEN = 128;
/** Steps timed per round after warm-up; fewer for base, whose step takes seconds on two cores. */
const plan: Array<{ size: NamedSize; steps: number; warmup: number }> = [
  { size: 'tiny', steps: 10, warmup: 2 },
  { size: 'small', steps: 5, warmup: 1 },
  { size: 'base', steps: 3, warmup: 1 },
];
const hyper = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 1.0 };

/** Random next-token data; every position is a target, as in the peer. */
export function sftBatch(config: ModelConfig, B: number, T: number): HostTensors {
  const tokens = BigInt64Array.from({ length: B * T }, (_, i) => BigInt((i * 7919 + 13) % config.vocabSize));
  const targets = BigInt64Array.from({ length: B * T }, (_, i) => tokens[(i + 1) % (B * T)]);
  return {
    tokens: { dtype: 'int64', dims: [B, T], data: tokens },
    attentionMask: { dtype: 'bool', dims: [B, T], data: new Uint8Array(B * T).fill(1) },
    targets: { dtype: 'int64', dims: [B, T], data: targets },
    targetMask: { dtype: 'float32', dims: [B, T], data: new Float32Array(B * T).fill(1) },
  };
}

/** Weights plus zero AdamW moments as the train graphs' bucketed float32 feeds. */
export function trainState(config: ModelConfig): HostTensors {
  const layout = parameterLayout(config);
  const init = initParameters(config, 1);
  const zeros = () => layout.buckets.map((b) => new Float32Array(b.size));
  return { ...bucketFeeds('params', bucketParameters(layout, (name) => init.get(name)!)), ...bucketFeeds('m', zeros()), ...bucketFeeds('v', zeros()) };
}

class OurStep {
  private state: HostTensors;
  private step = 0;
  private constructor(
    private readonly cache: SessionCache,
    private readonly key: string,
    config: ModelConfig,
    readonly buildMs: number,
  ) {
    this.state = trainState(config);
  }

  static async create(cache: SessionCache, config: ModelConfig): Promise<OurStep> {
    const started = performance.now();
    const key = await cache.load(sftTrainStepGraph(config, BATCH, SEQ_LEN, 'float32').toOnnxBytes());
    return new OurStep(cache, key, config, performance.now() - started);
  }

  /** One step, the new weights and moments fed back as the next step's, as a training loop does; returns ms. */
  async run(batch: HostTensors): Promise<number> {
    this.step++;
    const feeds: HostTensors = { ...this.state, ...batch };
    for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = { dtype: 'float32', dims: [], data: Float32Array.of(h === 'step' ? this.step : hyper[h]) };
    const started = performance.now();
    const out = await this.cache.run(this.key, feeds);
    const ms = performance.now() - started;
    for (const [name, t] of Object.entries(out)) if (name.startsWith('new.')) this.state[name.slice('new.'.length)] = t;
    return ms;
  }
}

async function main(): Promise<void> {
  const cache = new SessionCache({ executionProvider: 'cpu', threads, graphOptimization: 'all' });
  const ours = new Map<NamedSize, { step: OurStep; times: number[] }>();
  const theirs = new Map<NamedSize, number[]>();
  let torchVersion = '';
  // ORT's own fp32 GEMM rate, measured in every round next to the steps (the load of the shared cores changes): a
  // square 1024^3 and the base model's largest projection over the flattened batch, [B*T, D] x [D, F].
  const peak: number[] = [];
  const projection: number[] = [];
  const { dModel, dFf } = namedSizes.base;
  for (const { size } of plan) {
    const step = await OurStep.create(cache, namedSizes[size]);
    ours.set(size, { step, times: [] });
    theirs.set(size, []);
    process.stderr.write(`${size}: graph built and session created in ${fmt(step.buildMs / 1000, 2)} s\n`);
  }
  for (let round = 1; round <= rounds; round++) {
    for (const { size, steps, warmup } of plan) {
      const { step, times } = ours.get(size)!;
      const batch = sftBatch(namedSizes[size], BATCH, SEQ_LEN);
      for (let i = 0; i < warmup + steps; i++) {
        const ms = await step.run(batch);
        if (i >= warmup || round > 1) times.push(ms);
      }
    }
    peak.push(await gemmGflops(cache, 1024, 1024, 1024));
    projection.push(await gemmGflops(cache, BATCH * SEQ_LEN, dModel, dFf));
    const peer = runPeer<{ torch: string; results: Record<string, number[]> }>('trainStep_torch.py', {
      threads,
      batch: BATCH,
      seqLen: SEQ_LEN,
      runs: plan.map(({ size, steps, warmup }) => ({ size, config: peerConfig(namedSizes[size]), steps, warmup })),
    });
    torchVersion = peer.torch;
    for (const { size } of plan) theirs.get(size)!.push(...peer.results[size]);
    process.stderr.write(`round ${round}/${rounds} done\n`);
  }
  console.log(`train step, fp32, batch ${BATCH} x seq ${SEQ_LEN}, ${threads} threads each; onnxruntime-node vs torch ${torchVersion}; medians of ${rounds} rounds`);
  // Medians say what a run usually costs here; the fastest steps are the least touched by the other work on the cores.
  console.log('size  | ours ms/step median (min-max) | torch ms/step median (min-max) | ours/torch median | ours/torch min');
  for (const { size } of plan) {
    const [a, b] = [ours.get(size)!.times, theirs.get(size)!];
    const span = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
    console.log(`${size.padEnd(5)} | ${span(a).padEnd(29)} | ${span(b).padEnd(30)} | ${fmt(median(a) / median(b), 2).padStart(17)} | ${fmt(Math.min(...a) / Math.min(...b), 2).padStart(14)}`);
  }
  const gemmPeak = median(peak);
  console.log(`ORT fp32 GEMM, medians of ${rounds} rounds: 1024x1024x1024 ${fmt(gemmPeak)} GFLOP/s, [${BATCH * SEQ_LEN}, ${dModel}] x [${dModel}, ${dFf}] ${fmt(median(projection))} GFLOP/s`);
  for (const { size } of plan) {
    const stepFlops = trainStepFlops(namedSizes[size], BATCH, SEQ_LEN);
    const rate = (ms: number) => stepFlops / (ms / 1000) / 1e9;
    const times = ours.get(size)!.times;
    console.log(`${size.padEnd(5)} step ${fmt(stepFlops / 1e9)} GFLOP: ${fmt(rate(median(times)))} GFLOP/s at the median step (${fmt((100 * rate(median(times))) / gemmPeak)}% of the GEMM peak), ${fmt((100 * rate(Math.min(...times))) / gemmPeak)}% at the fastest`);
  }
  await cache.release();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
