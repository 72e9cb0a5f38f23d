import '../helpers/shareTypedArraysWithOrt';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradients } from '../../engine/autodiff';
import { Graph, constant } from '../../engine/graph';
import { lastTokenValues, scalarHeadValues } from '../../engine/model';
import { HostTensors, SessionCache } from '../../engine/runtime';
import {
  ADAMW_HYPERPARAMETERS, Aggregation, AdamwHyper, KlEstimator, adamwStep, bradleyTerryLoss, clippedPolicyLoss, contextRlTrainLoss, dpoLoss, generalizedAdvantages,
  groupAdvantages, ppoLoss, ppoTokenRewards, sequenceLogProbs, sftLoss,
} from '../../engine/train';

/** Reference values from PyTorch (test/fixtures/losses/make_loss_fixtures.py); CI only reads the JSON, from the repository root where jest runs. */
const fixtures = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/losses/loss_fixtures.json'), 'utf8'));
const TOLERANCE = 1e-6;

const f64 = (dims: readonly number[], values: readonly number[]) => ({ dtype: 'float64' as const, dims, data: Float64Array.from(values) });
const scalarFeed = (value: number) => f64([], [value]);
const int64Feed = (dims: readonly number[], values: readonly number[]) => ({ dtype: 'int64' as const, dims, data: BigInt64Array.from(values.map(BigInt)) });
/** The fixtures' per-sequence advantages as the graph takes them, one per token: each repeated over its row's T columns. */
const perToken = (perRow: readonly number[], T: number): number[] => perRow.flatMap((a) => new Array<number>(T).fill(a));
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
      advantages: f64(shape, perToken(p.advantages, shape[1])),
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
  test('DPO: loss, d/dlogp, reward accuracy and margin, with one pair at the reference (margin 0)', async () => {
    const d = fixtures.dpo;
    const [B, T] = d.shape as number[];
    const g = new Graph('dpo-fixture');
    const logProbs = g.input('logProbs', 'float64', [B, T]);
    const out = dpoLoss(sequenceLogProbs(logProbs, g.input('mask', 'float64', [B, T])), g.input('refLogProbs', 'float64', [B]), g.input('beta', 'float64', []));
    g.output(out.loss, 'loss');
    g.output(out.rewardAccuracy, 'accuracy');
    g.output(out.rewardMargin, 'margin');
    g.output(gradients(out.loss, [logProbs])[0], 'grad');
    const r = await cache.run(await cache.load(g.toOnnxBytes()), { logProbs: f64([B, T], d.logProbs), mask: f64([B, T], d.mask), refLogProbs: f64([B], d.refLogProbs), beta: scalarFeed(d.beta) });
    const worst = Math.max(
      maxAbsDiff(r.loss.data as Float64Array, [d.loss]),
      maxAbsDiff(r.grad.data as Float64Array, d.gradLogProbs),
      maxAbsDiff(r.accuracy.data as Float64Array, [d.rewardAccuracy]),
      maxAbsDiff(r.margin.data as Float64Array, [d.rewardMargin]),
    );
    process.stdout.write(`DPO: max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  test('Bradley-Terry reward model: score head at the last real token (right- and left-padded rows), loss and gradients', async () => {
    const m = fixtures.rewardModel;
    const [B, T, D] = m.shape as number[];
    const g = new Graph('rm-fixture');
    const hidden = g.input('hidden', 'float64', [B, T, D]);
    const weight = g.input('weight', 'float64', [D, 1]);
    const scores = lastTokenValues(scalarHeadValues(hidden, weight), g.input('attentionMask', 'bool', [B, T]));
    const out = bradleyTerryLoss(scores);
    g.output(scores, 'scores');
    g.output(out.loss, 'loss');
    g.output(out.accuracy, 'accuracy');
    g.output(out.margin, 'margin');
    const [gradHidden, gradWeight] = gradients(out.loss, [hidden, weight]);
    g.output(gradHidden, 'gradHidden');
    g.output(gradWeight, 'gradWeight');
    const r = await cache.run(await cache.load(g.toOnnxBytes()), {
      hidden: f64([B, T, D], m.hidden),
      weight: f64([D, 1], m.weight),
      attentionMask: { dtype: 'bool', dims: [B, T], data: Uint8Array.from(m.attentionMask as number[]) },
    });
    const worst = Math.max(
      maxAbsDiff(r.scores.data as Float64Array, m.scores),
      maxAbsDiff(r.loss.data as Float64Array, [m.loss]),
      maxAbsDiff(r.accuracy.data as Float64Array, [m.accuracy]),
      maxAbsDiff(r.margin.data as Float64Array, [m.margin]),
      maxAbsDiff(r.gradHidden.data as Float64Array, m.gradHidden),
      maxAbsDiff(r.gradWeight.data as Float64Array, m.gradWeight),
    );
    process.stdout.write(`reward model: max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  test('PPO: InstructGPT token rewards and GAE on the host, then the clipped policy + value loss and its gradients', async () => {
    const p = fixtures.ppo;
    const [B, T] = p.shape as number[];
    const rewards = ppoTokenRewards({ seqLen: T, mask: p.mask, logProbs: p.oldLogProbs, refLogProbs: p.refLogProbs, scores: p.scores, klBeta: p.klBeta });
    const { advantages, returns } = generalizedAdvantages({ seqLen: T, mask: p.mask, rewards, values: p.oldValues, gamma: p.gamma, lambda: p.lambda });
    const hostWorst = Math.max(maxAbsDiff(rewards, p.rewards), maxAbsDiff(advantages, p.advantages), maxAbsDiff(returns, p.returns));

    const g = new Graph('ppo-fixture');
    const x = Object.fromEntries(['logProbs', 'oldLogProbs', 'advantages', 'values', 'oldValues', 'returns', 'mask'].map((n) => [n, g.input(n, 'float64', [B, T])]));
    const s = Object.fromEntries(['clipRange', 'valueClipRange', 'valueCoef'].map((n) => [n, g.input(n, 'float64', [])]));
    const out = ppoLoss(
      { logProbs: x.logProbs, oldLogProbs: x.oldLogProbs, advantages: x.advantages, values: x.values, oldValues: x.oldValues, returns: x.returns, mask: x.mask },
      { clipRange: s.clipRange, valueClipRange: s.valueClipRange, valueCoef: s.valueCoef },
    );
    for (const [name, t] of Object.entries(out)) g.output(t, name);
    const [gradLogProbs, gradValues] = gradients(out.loss, [x.logProbs, x.values]);
    g.output(gradLogProbs, 'gradLogProbs');
    g.output(gradValues, 'gradValues');
    const feeds: HostTensors = { clipRange: scalarFeed(p.clipRange), valueClipRange: scalarFeed(p.valueClipRange), valueCoef: scalarFeed(p.valueCoef) };
    for (const n of ['logProbs', 'oldLogProbs', 'advantages', 'values', 'oldValues', 'returns', 'mask']) feeds[n] = f64([B, T], p[n]);
    const r = await cache.run(await cache.load(g.toOnnxBytes()), feeds);
    const graphWorst = Math.max(
      ...['loss', 'policyLoss', 'valueLoss', 'clipFraction', 'valueClipFraction'].map((n) => maxAbsDiff(r[n].data as Float64Array, [p[n]])),
      maxAbsDiff(r.gradLogProbs.data as Float64Array, p.gradLogProbs),
      maxAbsDiff(r.gradValues.data as Float64Array, p.gradValues),
    );
    process.stdout.write(`PPO: GAE max abs error ${hostWorst.toExponential(2)}, loss and gradients ${graphWorst.toExponential(2)} vs torch\n`);
    expect(p.clipFraction).toBeGreaterThan(0);
    expect(p.valueClipFraction).toBeGreaterThan(0);
    expect(hostWorst).toBeLessThan(1e-12);
    expect(graphWorst).toBeLessThan(TOLERANCE);
  });

  test('ContextRL: GRPO on rollout rows plus the weighted, clipped margin loss on contrastive-prompt rows (the grpoContextMargin train loss)', async () => {
    const c = fixtures.contextRl;
    const [B, T, V] = c.shape as number[];
    const [R, C] = [c.policyRows as number, B - c.policyRows];
    const g = new Graph('contextrl-fixture');
    const logits = g.input('logits', 'float64', [B, T, V]);
    const attentionMask = constant(g, { dtype: 'bool', shape: [B, T], values: new Array(B * T).fill(true) });
    const out = contextRlTrainLoss(C).declare(g, B, T, 'float64')({ logits, attentionMask });
    g.output(out.loss, 'loss');
    for (const [name, t] of Object.entries(out.metrics)) g.output(t, name);
    g.output(gradients(out.loss, [logits])[0], 'grad');
    const r = await cache.run(await cache.load(g.toOnnxBytes()), {
      logits: f64([B, T, V], c.logits),
      targets: int64Feed([R, T], c.targets),
      responseMask: f64([R, T], c.responseMask),
      oldLogProbs: f64([R, T], c.oldLogProbs),
      refLogProbs: f64([R, T], c.refLogProbs),
      advantages: f64([R, T], perToken(c.advantages, T)),
      epsLow: scalarFeed(c.epsLow),
      epsHigh: scalarFeed(c.epsHigh),
      klBeta: scalarFeed(c.klBeta),
      choicePositions: int64Feed([C], c.choicePositions),
      correctLabels: int64Feed([C], c.correctLabels),
      otherLabels: int64Feed([C], c.otherLabels),
      contextMarginClip: scalarFeed(c.contextMarginClip),
      contextMarginWeight: scalarFeed(c.contextMarginWeight),
    });
    const deltas = c.deltas as number[];
    const worst = Math.max(
      maxAbsDiff(r.loss.data as Float64Array, [c.loss]),
      maxAbsDiff(r.contextLoss.data as Float64Array, [c.contextLoss]),
      maxAbsDiff(r.contextMargin.data as Float64Array, [deltas.reduce((a, b) => a + b, 0) / C]),
      maxAbsDiff(r.contextAccuracy.data as Float64Array, [deltas.filter((d) => d > 0).length / C]),
      maxAbsDiff(r.grad.data as Float64Array, c.gradLogits),
    );
    process.stdout.write(`ContextRL (GRPO + margin): max abs error vs torch ${worst.toExponential(2)}\n`);
    expect(Math.max(...deltas)).toBeGreaterThan(c.contextMarginClip);
    expect(worst).toBeLessThan(TOLERANCE);
  });
});
