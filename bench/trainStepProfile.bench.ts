/**
 * Where the train step's time goes, for one size (default small): (1) forward + loss only, forward + backward, and
 * the full fused step (+ clipping + AdamW), each its own ORT session, timed the same way as trainStep.bench.ts;
 * the same phases of the PyTorch peer's step, when DRL_TORCH_PYTHON (or python3) has torch; (2) ORT's own profiler (session option enableProfiling) on the full step, kernel time summed per op type.
 * Run: npx tsc -p . && node dist/bench/trainStepProfile.bench.js [tiny|small|base] [steps]
 */
import * as ort from 'onnxruntime-node';
import { gradients } from '../engine/autodiff';
import { Graph } from '../engine/graph';
import { NamedSize, namedSizes, transformerLogits } from '../engine/model';
import { HostTensors } from '../engine/runtime';
import { ADAMW_HYPERPARAMETERS, bucketName, bucketsOfParameters, declareBuckets, parameterLayout, parametersOfBuckets, sftLoss, sftTrainStepGraph } from '../engine/train';
import { fmt, median, peerConfig, runPeer, threads } from './benchSupport';
import { engineLikeSession, ortFeeds } from './ortProfile';
import { BATCH, SEQ_LEN, sftBatch, trainState } from './trainStep.bench';

const size = (process.argv[2] ?? 'small') as NamedSize;
const steps = Number(process.argv[3] ?? 6);
const config = namedSizes[size];
const layout = parameterLayout(config);
const specs = layout.specs;

/** Forward + SFT loss, optionally with the bucketed dLoss/dW as outputs: the phases the fused step is made of, on its bucketed weights. */
function lossGraph(withGradients: boolean): Uint8Array {
  const g = new Graph(withGradients ? 'sft-forward-backward' : 'sft-forward');
  const params = parametersOfBuckets(declareBuckets(g, layout, 'float32', 'params', true), layout);
  const tokens = g.input('tokens', 'int64', [BATCH, SEQ_LEN]);
  const attentionMask = g.input('attentionMask', 'bool', [BATCH, SEQ_LEN]);
  const logits = transformerLogits(config, Object.fromEntries(specs.map((s, i) => [s.name, params[i]])), { tokens, attentionMask });
  const loss = sftLoss(logits, g.input('targets', 'int64', [BATCH, SEQ_LEN]), g.input('targetMask', 'float32', [BATCH, SEQ_LEN]));
  g.output(loss, 'loss');
  if (withGradients) bucketsOfParameters(gradients(loss, params), layout).forEach((d, k) => g.output(d, bucketName('grad', k)));
  return g.toOnnxBytes();
}

async function timeSession(s: ort.InferenceSession, feeds: HostTensors): Promise<number> {
  const input = ortFeeds(s, feeds);
  await s.run(input); // warm-up
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const started = performance.now();
    await s.run(input);
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main(): Promise<void> {
  const feeds: HostTensors = { ...trainState(config), ...sftBatch(config, BATCH, SEQ_LEN) };
  for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = { dtype: 'float32', dims: [], data: Float32Array.of(h === 'step' ? 1 : 0.01) };
  const forward = await timeSession((await engineLikeSession(lossGraph(false))).session, feeds);
  const backward = await timeSession((await engineLikeSession(lossGraph(true))).session, feeds);
  const full = await engineLikeSession(sftTrainStepGraph(config, BATCH, SEQ_LEN, 'float32').toOnnxBytes(), true);
  const step = await timeSession(full.session, feeds);
  console.log(`${size}, batch ${BATCH} x seq ${SEQ_LEN}, ${threads} threads, median of ${steps} runs each`);
  console.log(`forward + loss             ${fmt(forward).padStart(8)} ms`);
  console.log(`forward + loss + backward  ${fmt(backward).padStart(8)} ms  (backward ${fmt(backward - forward)} ms = ${fmt((backward - forward) / forward, 2)}x forward)`);
  console.log(`full fused step (+ AdamW)  ${fmt(step).padStart(8)} ms  (clip + AdamW + weight outputs ${fmt(step - backward)} ms)`);
  try {
    type Phases = { forward: number; backward: number; optimizer: number };
    const peer = runPeer<{ phases: Record<string, Phases> }>('trainStep_torch.py', { threads, batch: BATCH, seqLen: SEQ_LEN, runs: [{ size, config: peerConfig(config), steps, warmup: 1 }] });
    const p = peer.phases[size];
    console.log(`torch, same step: forward + loss ${fmt(p.forward)} ms, backward ${fmt(p.backward)} ms (${fmt(p.backward / p.forward, 2)}x forward), clip + AdamW ${fmt(p.optimizer)} ms; total ${fmt(p.forward + p.backward + p.optimizer)} ms`);
  } catch (e) {
    console.log(`(no PyTorch phases: ${(e as Error).message.split('\n')[0]})`);
  }
  console.log('\nfull step, kernel time per op type (warm-up run included):');
  full.report(steps + 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
