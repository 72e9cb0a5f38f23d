/**
 * Where the train step's time goes, for one size (default small): (1) forward + loss only, forward + backward, and
 * the full fused step (+ clipping + AdamW), each its own ORT session, timed the same way as trainStep.bench.ts;
 * (2) ORT's own profiler (session option enableProfiling) on the full step, kernel time summed per op type.
 * Run: npx tsc -p . && node dist/bench/trainStepProfile.bench.js [tiny|small|base] [steps]
 */
import * as ort from 'onnxruntime-node';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradients } from '../engine/autodiff';
import { Graph } from '../engine/graph';
import { NamedSize, namedSizes, parameterSpecs, transformerLogits } from '../engine/model';
import { HostTensors } from '../engine/runtime';
import { ADAMW_HYPERPARAMETERS, sftLoss, sftTrainStepGraph } from '../engine/train';
import { fmt, median, threads } from './benchSupport';
import { BATCH, SEQ_LEN, sftBatch, trainState } from './trainStep.bench';

const size = (process.argv[2] ?? 'small') as NamedSize;
const steps = Number(process.argv[3] ?? 6);
const config = namedSizes[size];
const specs = parameterSpecs(config);

/** Forward + SFT loss, optionally with dLoss/dW as outputs: the phases the fused step is made of. */
function lossGraph(withGradients: boolean): Uint8Array {
  const g = new Graph(withGradients ? 'sft-forward-backward' : 'sft-forward');
  const params = specs.map((s) => g.input(s.name, 'float32', s.shape, { parameter: true }));
  const tokens = g.input('tokens', 'int64', [BATCH, SEQ_LEN]);
  const attentionMask = g.input('attentionMask', 'bool', [BATCH, SEQ_LEN]);
  const logits = transformerLogits(config, Object.fromEntries(specs.map((s, i) => [s.name, params[i]])), { tokens, attentionMask });
  const loss = sftLoss(logits, g.input('targets', 'int64', [BATCH, SEQ_LEN]), g.input('targetMask', 'float32', [BATCH, SEQ_LEN]));
  g.output(loss, 'loss');
  if (withGradients) gradients(loss, params).forEach((d, i) => g.output(d, `grad.${specs[i].name}`));
  return g.toOnnxBytes();
}

/** The options engine/runtime/sessionCache.ts uses, plus the profiler when asked. */
function session(bytes: Uint8Array, profileDir?: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    ...(profileDir ? { enableProfiling: true, profileFilePrefix: join(profileDir, 'trainstep') } : {}),
  });
}

function ortFeeds(session: ort.InferenceSession, feeds: HostTensors): Record<string, ort.Tensor> {
  return Object.fromEntries(session.inputNames.map((n) => [n, new ort.Tensor(feeds[n].dtype, feeds[n].data, feeds[n].dims)]));
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

interface TraceEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string };
}

async function main(): Promise<void> {
  const feeds: HostTensors = { ...trainState(config), ...sftBatch(config, BATCH, SEQ_LEN) };
  for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = { dtype: 'float32', dims: [], data: Float32Array.of(h === 'step' ? 1 : 0.01) };
  const forward = await timeSession(await session(lossGraph(false)), feeds);
  const backward = await timeSession(await session(lossGraph(true)), feeds);
  const dir = mkdtempSync(join(tmpdir(), 'drl-profile-'));
  const full = await session(sftTrainStepGraph(config, BATCH, SEQ_LEN, 'float32').toOnnxBytes(), dir);
  const step = await timeSession(full, feeds);
  full.endProfiling();
  console.log(`${size}, batch ${BATCH} x seq ${SEQ_LEN}, ${threads} threads, median of ${steps} runs each`);
  console.log(`forward + loss             ${fmt(forward).padStart(8)} ms`);
  console.log(`forward + loss + backward  ${fmt(backward).padStart(8)} ms  (backward ${fmt(backward - forward)} ms = ${fmt(backward / forward, 2)}x forward)`);
  console.log(`full fused step (+ AdamW)  ${fmt(step).padStart(8)} ms  (clip + AdamW + weight outputs ${fmt(step - backward)} ms)`);

  // Kernel time per op type over the profiled runs (warm-up included), largest first.
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as TraceEvent[];
  const perOp = new Map<string, { us: number; calls: number }>();
  let total = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || !e.args?.op_name) continue;
    const entry = perOp.get(e.args.op_name) ?? { us: 0, calls: 0 };
    entry.us += e.dur;
    entry.calls += 1;
    perOp.set(e.args.op_name, entry);
    total += e.dur;
  }
  const runs = steps + 1;
  const wall = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').reduce((s, e) => s + e.dur, 0);
  console.log(`\nORT profile of the full step (${file}): kernels ${fmt(total / runs / 1000)} ms of ${fmt(wall / runs / 1000)} ms per run`);
  console.log('op type                     ms/run   share  nodes');
  for (const [op, { us, calls }] of [...perOp].sort((a, b) => b[1].us - a[1].us).slice(0, 15)) {
    console.log(`${op.padEnd(26)} ${fmt(us / runs / 1000).padStart(7)}  ${fmt((100 * us) / total).padStart(5)}%  ${String(calls / runs).padStart(5)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
