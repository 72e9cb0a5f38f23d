import '../helpers/shareTypedArraysWithOrt';
import { gradients } from '../../engine/autodiff';
import { Graph } from '../../engine/graph';
import { ModelConfig, initParameters, parameterSpecs, transformerLogits, validateModelConfig } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';
import { ADAMW_HYPERPARAMETERS, bucketFeeds, bucketParameters, bucketsOf, parameterLayout, parameterViews, sftLoss, sftTrainStepGraph } from '../../engine/train';

const config: ModelConfig = validateModelConfig({
  vocabSize: 13, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, dFf: 24, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true,
});
const [B, T] = [2, 6];
const specs = parameterSpecs(config);
const layout = parameterLayout(config);
const hyper = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 0.5 };

/** Learn to copy a fixed sequence shifted by one; the second row is right-padded. */
const batch: HostTensors = {
  tokens: { dtype: 'int64', dims: [B, T], data: BigInt64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0].map(BigInt)) },
  attentionMask: { dtype: 'bool', dims: [B, T], data: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]) },
  targets: { dtype: 'int64', dims: [B, T], data: BigInt64Array.from([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 0].map(BigInt)) },
  targetMask: { dtype: 'float64', dims: [B, T], data: Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]) },
};

function gradientGraph(): Uint8Array {
  const g = new Graph('sft-gradients');
  const params = specs.map((s) => g.input(s.name, 'float64', s.shape));
  const tokens = g.input('tokens', 'int64', [B, T]);
  const attentionMask = g.input('attentionMask', 'bool', [B, T]);
  const loss = sftLoss(transformerLogits(config, Object.fromEntries(specs.map((s, i) => [s.name, params[i]])), { tokens, attentionMask }), g.input('targets', 'int64', [B, T]), g.input('targetMask', 'float64', [B, T]));
  gradients(loss, params).forEach((d, i) => g.output(d, `grad.${specs[i].name}`));
  return g.toOnnxBytes();
}

/** torch.optim.AdamW after clip_grad_norm_, written out element by element. */
function referenceAdamw(w: Map<string, Float64Array>, m: Map<string, Float64Array>, v: Map<string, Float64Array>, grads: HostTensors, step: number): void {
  let sq = 0;
  for (const s of specs) for (const x of grads[`grad.${s.name}`].data as Float64Array) sq += x * x;
  const clip = Math.min(1, hyper.maxGradNorm / (Math.sqrt(sq) + 1e-6));
  for (const s of specs) {
    const [p, mm, vv, gr] = [w.get(s.name)!, m.get(s.name)!, v.get(s.name)!, grads[`grad.${s.name}`].data as Float64Array];
    for (let i = 0; i < p.length; i++) {
      const g = gr[i] * clip;
      p[i] *= 1 - hyper.lr * hyper.weightDecay;
      mm[i] = hyper.beta1 * mm[i] + (1 - hyper.beta1) * g;
      vv[i] = hyper.beta2 * vv[i] + (1 - hyper.beta2) * g * g;
      p[i] -= (hyper.lr * (mm[i] / (1 - hyper.beta1 ** step))) / (Math.sqrt(vv[i] / (1 - hyper.beta2 ** step)) + hyper.eps);
    }
  }
}

const f64 = (dims: readonly number[], data: Float64Array) => ({ dtype: 'float64' as const, dims, data: Float64Array.from(data) });
/** Per-parameter values as the train graph's bucket feeds `vector.k`, and its `new.vector.k` outputs back. */
const bucketed = (vector: string, named: Map<string, Float64Array>) => bucketFeeds(vector, bucketParameters(layout, (name) => named.get(name)!, (n) => new Float64Array(n)));
const named = (out: HostTensors, vector: string) => parameterViews(layout, bucketsOf<Float64Array>(layout, out, vector));

describe('fused SFT train step (forward, loss, backward, clipping, AdamW)', () => {
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  afterAll(() => cache.release());

  test('three steps match AdamW computed outside the graph, and the loss falls with training', async () => {
    const stepKey = await cache.load(sftTrainStepGraph(config, B, T, 'float64').toOnnxBytes());
    const gradKey = await cache.load(gradientGraph());
    const zeros = () => new Map(specs.map((s) => [s.name, new Float64Array(s.shape.reduce((p, q) => p * q, 1))]));
    let [w, m, v]: Array<Map<string, Float64Array>> = [initParameters(config, 3), zeros(), zeros()];
    const [rw, rm, rv] = [initParameters(config, 3), zeros(), zeros()];
    const losses: number[] = [];
    for (let step = 1; step <= 40; step++) {
      const feeds: HostTensors = { ...batch, ...bucketed('params', w), ...bucketed('m', m), ...bucketed('v', v) };
      for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = f64([], Float64Array.of(h === 'step' ? step : hyper[h]));
      const out = await cache.run(stepKey, feeds);
      losses.push(out.loss.data[0] as number);
      if (step <= 3) {
        const grads = await cache.run(gradKey, { ...batch, ...Object.fromEntries(specs.map((s) => [s.name, f64(s.shape, rw.get(s.name)!)])) });
        referenceAdamw(rw, rm, rv, grads, step);
      }
      [w, m, v] = ['new.params', 'new.m', 'new.v'].map((vector) => named(out, vector));
      if (step === 3) {
        let worst = 0;
        for (const s of specs) w.get(s.name)!.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - rw.get(s.name)![i]))));
        expect(worst).toBeLessThan(1e-12);
      }
    }
    process.stdout.write(`SFT loss: step 1 ${losses[0].toFixed(4)}, step 40 ${losses[39].toFixed(4)}\n`);
    expect(losses[39]).toBeLessThan(0.2 * losses[0]);
  });
});
