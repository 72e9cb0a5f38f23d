import '../helpers/shareTypedArraysWithOrt';
import { initParameters } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';
import { GRADCHECK_MODEL } from '../../engine/selfcheck';
import { ADAMW_HYPERPARAMETERS, POLICY_LOSS_PRESETS, applyUpdateGraph, bucketFeeds, bucketName, bucketParameters, fusedTrainStepGraph, gradientAccumulationGraph, parameterLayout, trainLoss } from '../../engine/train';

const config = GRADCHECK_MODEL;
const layout = parameterLayout(config);
const [B, T] = [2, 6];
const f64 = (dims: readonly number[], values: ArrayLike<number>) => ({ dtype: 'float64' as const, dims, data: Float64Array.from(values) });
const zeros = (shape: number[]) => new Float64Array(shape.reduce((p, q) => p * q, 1));
const adamw = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 0.5 };

/** A GRPO micro-batch: one group of two responses, the first rewarded; old and reference log-probs near the policy's. */
const batch: HostTensors = {
  tokens: { dtype: 'int64', dims: [B, T], data: BigInt64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 0, 0].map(BigInt)) },
  attentionMask: { dtype: 'bool', dims: [B, T], data: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]) },
  targets: { dtype: 'int64', dims: [B, T], data: BigInt64Array.from([1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0, 0].map(BigInt)) },
  responseMask: f64([B, T], [0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0]),
  advantages: f64([B, T], [0, 0, 0.707, 0.707, 0.707, 0.707, 0, -0.707, -0.707, -0.707, 0, 0]),
  oldLogProbs: f64([B, T], new Array(B * T).fill(-2.4)),
  refLogProbs: f64([B, T], new Array(B * T).fill(-2.3)),
  epsLow: f64([], [0.2]),
  epsHigh: f64([], [0.2]),
  klBeta: f64([], [0.04]),
};

describe('GRPO-family train-step graphs', () => {
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  afterAll(() => cache.release());

  test('hyperparameters are graph inputs, and DAPO (no KL) asks for no reference log-probs', () => {
    const grpo = fusedTrainStepGraph(config, trainLoss('grpo'), B, T, 'float64').summary();
    expect(grpo.inputs).toEqual(expect.arrayContaining([...ADAMW_HYPERPARAMETERS, 'epsLow', 'epsHigh', 'klBeta', 'refLogProbs', 'advantages']));
    expect(grpo.outputs).toEqual(expect.arrayContaining(['loss', 'clipFraction', 'kl', 'gradNorm']));
    const dapo = fusedTrainStepGraph(config, trainLoss('dapo'), B, T, 'float64').summary();
    expect(dapo.inputs).not.toEqual(expect.arrayContaining(['refLogProbs']));
    expect(dapo.inputs).not.toEqual(expect.arrayContaining(['klBeta']));
    expect(gradientAccumulationGraph(config, trainLoss('drgrpo'), B, T).summary().inputs).toEqual(expect.arrayContaining(['maxResponseLength', 'gradScale']));
    expect(POLICY_LOSS_PRESETS.dapo.defaults).toMatchObject({ epsLow: 0.2, epsHigh: 0.28 });
  });

  test('two half-weighted gradient accumulations plus the apply graph equal the fused step, and the loss falls', async () => {
    const loss = trainLoss('grpo');
    const fusedKey = await cache.load(fusedTrainStepGraph(config, loss, B, T, 'float64').toOnnxBytes());
    const gradKey = await cache.load(gradientAccumulationGraph(config, loss, B, T, 'float64').toOnnxBytes());
    const applyKey = await cache.load(applyUpdateGraph(config, 'float64').toOnnxBytes());
    const w = initParameters(config, 5, 0.3);
    const zeroBuckets = (vector: string) => bucketFeeds(vector, layout.buckets.map((b) => zeros([b.size])));
    const params = bucketFeeds('params', bucketParameters(layout, (name) => w.get(name)!, (n) => new Float64Array(n)));
    const state: HostTensors = { ...batch, ...params, ...zeroBuckets('m'), ...zeroBuckets('v') };
    const hyperAt = (step: number): HostTensors => Object.fromEntries(ADAMW_HYPERPARAMETERS.map((h) => [h, f64([], [h === 'step' ? step : adamw[h]])]));

    let accumulated: HostTensors = zeroBuckets('grad');
    for (let micro = 0; micro < 2; micro++) {
      const out = await cache.run(gradKey, { ...state, ...accumulated, gradScale: f64([], [0.5]) });
      accumulated = Object.fromEntries(layout.buckets.map((_, k) => [bucketName('grad', k), out[bucketName('new.grad', k)]]));
    }
    const applied = await cache.run(applyKey, { ...state, ...accumulated, ...hyperAt(1) });
    const fused = await cache.run(fusedKey, { ...state, ...hyperAt(1) });
    let worst = Math.abs((applied.gradNorm.data[0] as number) - (fused.gradNorm.data[0] as number));
    for (const name of Object.keys(fused).filter((n) => n.startsWith('new.'))) {
      const [a, f] = [applied[name].data as Float64Array, fused[name].data as Float64Array];
      a.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - f[i]))));
    }
    expect(worst).toBeLessThan(1e-12);

    const losses = [fused.loss.data[0] as number];
    let current = fused;
    for (let step = 2; step <= 5; step++) {
      for (const [name, t] of Object.entries(current)) if (name.startsWith('new.')) state[name.slice('new.'.length)] = t;
      current = await cache.run(fusedKey, { ...state, ...hyperAt(step) });
      losses.push(current.loss.data[0] as number);
    }
    expect(losses[4]).toBeLessThan(losses[0]);
  });
});
