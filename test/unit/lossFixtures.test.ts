import '../helpers/shareTypedArraysWithOrt';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradients } from '../../engine/autodiff';
import { Graph } from '../../engine/graph';
import { HostTensors, SessionCache } from '../../engine/runtime';
import { ADAMW_HYPERPARAMETERS, Aggregation, AdamwHyper, KlEstimator, adamwStep, clippedPolicyLoss, groupAdvantages, sftLoss } from '../../engine/train';

/** Reference values from PyTorch (test/fixtures/losses/make_loss_fixtures.py); CI only reads the JSON, from the repository root where jest runs. */
const fixtures = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/losses/loss_fixtures.json'), 'utf8'));
const TOLERANCE = 1e-6;

const f64 = (dims: readonly number[], values: readonly number[]) => ({ dtype: 'float64' as const, dims, data: Float64Array.from(values) });
const scalarFeed = (value: number) => f64([], [value]);
const maxAbsDiff = (ours: ArrayLike<number>, theirs: readonly number[]): number => {
  expect(ours.length).toBe(theirs.length);
  return Math.max(...theirs.map((x, i) => Math.abs(ours[i] - x)));
};

describe('losses and AdamW against PyTorch fixtures (float64)', () => {
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  afterAll(() => cache.release());

  test('clipped policy loss: every aggregation mode with no KL and with k1, k2, k3; value, d/dlogp, clip fraction, KL', async () => {
    const p = fixtures.policy;
    const shape = p.shape as number[];
    const feeds: HostTensors = {
      logProbs: f64(shape, p.logProbs),
      oldLogProbs: f64(shape, p.oldLogProbs),
      refLogProbs: f64(shape, p.refLogProbs),
      mask: f64(shape, p.mask),
      advantages: f64([shape[0]], p.advantages),
      epsLow: scalarFeed(p.epsLow),
      epsHigh: scalarFeed(p.epsHigh),
      klBeta: scalarFeed(p.klBeta),
      maxResponseLength: scalarFeed(p.maxResponseLength),
    };
    let worst = 0;
    for (const c of p.cases as Array<{ aggregation: Aggregation; kl: KlEstimator | 'none'; loss: number; gradLogProbs: number[]; clipFraction: number; klMean?: number }>) {
      const g = new Graph(`policy-${c.aggregation}-${c.kl}`);
      const x = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, g.input(name, 'float64', t.dims)]));
      const kl = c.kl === 'none' ? undefined : { estimator: c.kl, beta: x.klBeta };
      const out = clippedPolicyLoss(
        { logProbs: x.logProbs, oldLogProbs: x.oldLogProbs, refLogProbs: x.refLogProbs, advantages: x.advantages, mask: x.mask },
        { epsLow: x.epsLow, epsHigh: x.epsHigh, aggregation: c.aggregation, kl, maxResponseLength: x.maxResponseLength },
      );
      g.output(out.loss, 'loss');
      g.output(out.clipFraction, 'clipFraction');
      if (out.kl) g.output(out.kl, 'kl');
      g.output(gradients(out.loss, [x.logProbs])[0], 'grad');
      const r = await cache.run(await cache.load(g.toOnnxBytes()), feeds);
      const errors = [
        maxAbsDiff(r.loss.data as Float64Array, [c.loss]),
        maxAbsDiff(r.grad.data as Float64Array, c.gradLogProbs),
        maxAbsDiff(r.clipFraction.data as Float64Array, [c.clipFraction]),
        c.klMean === undefined ? 0 : maxAbsDiff(r.kl.data as Float64Array, [c.klMean]),
      ];
      worst = Math.max(worst, ...errors);
    }
    process.stdout.write(`policy losses (16 cases): max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  test('SFT cross-entropy and its gradient match F.cross_entropy', async () => {
    const s = fixtures.sft;
    const [B, T, V] = s.shape as number[];
    const g = new Graph('sft-fixture');
    const logits = g.input('logits', 'float64', [B, T, V]);
    const loss = sftLoss(logits, g.input('targets', 'int64', [B, T]), g.input('targetMask', 'float64', [B, T]));
    g.output(loss, 'loss');
    g.output(gradients(loss, [logits])[0], 'grad');
    const r = await cache.run(await cache.load(g.toOnnxBytes()), {
      logits: f64([B, T, V], s.logits),
      targets: { dtype: 'int64', dims: [B, T], data: BigInt64Array.from((s.targets as number[]).map(BigInt)) },
      targetMask: f64([B, T], s.targetMask),
    });
    const worst = Math.max(maxAbsDiff(r.loss.data as Float64Array, [s.loss]), maxAbsDiff(r.grad.data as Float64Array, s.gradLogits));
    process.stdout.write(`SFT cross-entropy: max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  test('three AdamW steps match torch.optim.AdamW, with and without clip_grad_norm_', async () => {
    const a = fixtures.adamw;
    const shapes = a.shapes as number[][];
    const g = new Graph('adamw-fixture');
    const declare = (prefix: string) => shapes.map((shape, i) => g.input(`${prefix}${i}`, 'float64', shape));
    const [params, grads, m, v] = ['p', 'g', 'm', 'v'].map(declare);
    const hyper = Object.fromEntries(ADAMW_HYPERPARAMETERS.map((n) => [n, g.input(n, 'float64', [])])) as unknown as AdamwHyper;
    const next = adamwStep({ params, grads, m, v }, hyper);
    g.output(next.gradNorm, 'gradNorm');
    shapes.forEach((_, i) => {
      g.output(next.params[i], `new.p${i}`);
      g.output(next.m[i], `new.m${i}`);
      g.output(next.v[i], `new.v${i}`);
    });
    const key = await cache.load(g.toOnnxBytes());
    let worst = 0;
    for (const run of Object.values(a.runs) as Array<{ maxGradNorm: number | null; steps: Array<{ gradNorm: number | null; params: number[][]; m: number[][]; v: number[][] }> }>) {
      let state: Record<string, number[]> = {};
      shapes.forEach((shape, i) => {
        const n = shape.reduce((x, y) => x * y, 1);
        state = { ...state, [`p${i}`]: a.initial[i], [`m${i}`]: new Array(n).fill(0), [`v${i}`]: new Array(n).fill(0) };
      });
      for (let step = 0; step < run.steps.length; step++) {
        const feeds: HostTensors = {};
        shapes.forEach((shape, i) => {
          for (const k of ['p', 'm', 'v']) feeds[`${k}${i}`] = f64(shape, state[`${k}${i}`]);
          feeds[`g${i}`] = f64(shape, a.grads[step][i]);
        });
        // No clipping is an infinite max norm: the clip factor min(1, inf) is exactly 1.
        const values = { ...a.hyper, step: step + 1, maxGradNorm: run.maxGradNorm ?? Infinity };
        for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = scalarFeed(values[h]);
        const r = await cache.run(key, feeds);
        const expected = run.steps[step];
        if (expected.gradNorm !== null) worst = Math.max(worst, maxAbsDiff(r.gradNorm.data as Float64Array, [expected.gradNorm]));
        shapes.forEach((_, i) => {
          for (const [k, ref] of [['p', expected.params], ['m', expected.m], ['v', expected.v]] as const) {
            state[`${k}${i}`] = Array.from(r[`new.${k}${i}`].data as Float64Array);
            worst = Math.max(worst, maxAbsDiff(state[`${k}${i}`], ref[i]));
          }
        });
      }
    }
    process.stdout.write(`AdamW, 3 steps x 2 runs: max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  test('group advantages: GRPO (std-normalised) and Dr.GRPO (centred only)', () => {
    const f = fixtures.groupAdvantages;
    expect(maxAbsDiff(groupAdvantages(f.rewards, f.groupSize, { normalise: true }), f.normalised)).toBeLessThan(1e-12);
    expect(maxAbsDiff(groupAdvantages(f.rewards, f.groupSize, { normalise: false }), f.centred)).toBeLessThan(1e-12);
    expect(() => groupAdvantages([1, 0, 1], 2, { normalise: true })).toThrow(/3 rewards do not split into groups of 2/);
  });
});
