import '../helpers/shareTypedArraysWithOrt';
import { InputError } from '../../core/errors';
import { scoreCompletions, sessionCacheRunner } from '../../engine/infer';
import { SessionCache, resolveRuntimeOptions } from '../../engine/runtime';
import { KL_ESTIMATORS, PolicyState, policyUpdate, type KlEstimator, type PolicyLossName, type PolicyRow } from '../../engine/train';
import { perSequencePolicyUpdate } from '../helpers/perSequencePolicyUpdate';
import { GRADIENT_STEP, PAD, differingTensors, largestWeightDifference, policyConfig as config, policyRows as rows, policySettings as settings } from '../helpers/policyUpdateKit';

const LOSSES: PolicyLossName[] = ['grpo', 'drgrpo', 'dapo'];

describe('policyUpdate', () => {
  const cache = new SessionCache(resolveRuntimeOptions({ threads: 1 }));
  const runner = sessionCacheRunner(cache);
  afterAll(() => cache.release());

  it('averages micro-batch gradients into the same step as one fused batch (per-sequence aggregation)', async () => {
    const fused = PolicyState.init(config, 3);
    const accumulated = PolicyState.init(config, 3);
    const a = await policyUpdate(runner, fused, rows(), settings('grpo', { klBeta: 0.04 }));
    const heartbeats: number[] = [];
    const b = await policyUpdate(runner, accumulated, rows(), settings('grpo', { klBeta: 0.04, microBatches: 2 }), (done) => heartbeats.push(done));
    expect(heartbeats).toEqual([1, 2]);
    expect(b.gradNorm).toBeCloseTo(a.gradNorm, 5);
    expect(b.loss).toBeCloseTo(a.loss, 6);
    expect(a.kl).toBeGreaterThan(0);
    expect(largestWeightDifference(fused, accumulated)).toBeLessThan(1e-6);
    expect(fused.step).toBe(1);
    expect(accumulated.step).toBe(1);
  });

  it('restores a state from its weights and moments exactly', async () => {
    const state = PolicyState.init(config, 5);
    await policyUpdate(runner, state, rows(), settings('grpo'));
    const moments = new Map([...state.moments()].map(([name, t]) => [name, t.data]));
    const restored = PolicyState.restore(config, state.weights, moments, state.step);
    await policyUpdate(runner, state, rows(), settings('grpo'));
    await policyUpdate(runner, restored, rows(), settings('grpo'));
    expect(differingTensors(state, restored)).toEqual([]);
  });

  describe.each(LOSSES.flatMap((loss) => [0, 0.04].flatMap((klBeta) => [1, 2].map((microBatches) => ({ loss, klBeta, microBatches })))))(
    'per-sequence advantages through the per-token path: %o',
    ({ loss, klBeta, microBatches }) => {
      it('give the same bytes as the per-sequence path did: every weight, AdamW moment and metric', async () => {
        const advantages = [1, -1, 0.5, -0.5];
        // Half the rows give their advantage as a number, half as the same value repeated over their tokens.
        const perToken = rows(advantages).map((row, i): PolicyRow => (i % 2 ? { ...row, advantages: new Array(row.completion.length).fill(advantages[i]) } : row));
        const [now, before] = [PolicyState.init(config, 11), PolicyState.init(config, 11)];
        const s = settings(loss, { klBeta, microBatches });
        const ours = await policyUpdate(runner, now, perToken, s);
        const theirs = await perSequencePolicyUpdate(runner, before, rows(advantages), advantages, s);
        expect(differingTensors(now, before)).toEqual([]);
        for (const key of ['loss', 'clipFraction', 'kl', 'gradNorm'] as const) expect(Object.is(ours[key], theirs[key])).toBe(true);
        expect(ours.kl === 0).toBe(klBeta === 0);
      });
    },
  );

  describe('lossMask', () => {
    /** Rows 1 and 3 (three completion tokens) with their last token masked out, and the same rows without that token. */
    const masked = (): PolicyRow[] => rows().map((row) => (row.completion.length === 3 ? { ...row, lossMask: [1, 1, 0] } : row));
    const truncated = (): PolicyRow[] =>
      rows().map((row) => ({ ...row, completion: row.completion.slice(0, 2), logProbs: Array.from(row.logProbs).slice(0, 2), refLogProbs: Array.from(row.refLogProbs!).slice(0, 2) }));

    it.each(LOSSES)('a masked last token counts for nothing, as if the row ended before it (%s, with KL, every count)', async (loss) => {
      const s = settings(loss, { klBeta: 0.04, adamw: GRADIENT_STEP });
      const [withMask, withoutToken, unmasked] = [PolicyState.init(config, 7), PolicyState.init(config, 7), PolicyState.init(config, 7)];
      const a = await policyUpdate(runner, withMask, masked(), s);
      const b = await policyUpdate(runner, withoutToken, truncated(), s);
      await policyUpdate(runner, unmasked, rows(), s);
      expect(largestWeightDifference(withMask, withoutToken)).toBeLessThan(1e-7);
      for (const key of ['loss', 'clipFraction', 'kl', 'gradNorm'] as const) expect(a[key]).toBeCloseTo(b[key], 6);
      // The check can fail: the unmasked rows, which learn from that token, end up elsewhere.
      expect(largestWeightDifference(unmasked, withoutToken)).toBeGreaterThan(1e-4);
    });

    it('a masked token inside a completion (a tool observation) adds nothing, whatever its advantage and log-probs', async () => {
      // Wild values in the middle column only: an advantage of 40, log-probs of +30 and -60.
      const middle = (values: ArrayLike<number>, wild: number | false): number[] => Array.from(values, (x, j) => (j === 1 && wild !== false ? wild : x));
      const observation = (wild: boolean): PolicyRow[] =>
        rows().map((row) =>
          row.completion.length === 3
            ? { ...row, lossMask: [1, 0, 1], advantages: middle([1, 1, 1], wild && 40), logProbs: middle(row.logProbs, wild && 30), refLogProbs: middle(row.refLogProbs!, wild && -60) }
            : row,
        );
      for (const loss of LOSSES) {
        const [tame, wild] = [PolicyState.init(config, 9), PolicyState.init(config, 9)];
        const a = await policyUpdate(runner, tame, observation(false), settings(loss, { klBeta: 0.04 }));
        const b = await policyUpdate(runner, wild, observation(true), settings(loss, { klBeta: 0.04 }));
        expect(differingTensors(tame, wild)).toEqual([]);
        expect([a.loss, a.clipFraction, a.kl]).toEqual([b.loss, b.clipFraction, b.kl]);
        // The check can fail: unmasked, the same wild values change the update.
        const unmasked = PolicyState.init(config, 9);
        await policyUpdate(runner, unmasked, observation(true).map((row) => ({ ...row, lossMask: undefined })), settings(loss, { klBeta: 0.04 }));
        expect(differingTensors(unmasked, wild)).toContain('embed');
      }
    });
  });

  it('puts each per-token advantage on its own token: [3A, 0, 0] over three tokens = A on the one unmasked token (grpo: mean over each sequence of its tokens)', async () => {
    const spread = rows().map((row): PolicyRow => (row.completion.length === 3 ? { ...row, advantages: [3 * (row.advantages as number), 0, 0] } : row));
    const first = rows().map((row): PolicyRow => (row.completion.length === 3 ? { ...row, lossMask: [1, 0, 0] } : row));
    const lastOnly = rows().map((row): PolicyRow => (row.completion.length === 3 ? { ...row, lossMask: [0, 0, 1] } : row));
    const [a, b, c] = [PolicyState.init(config, 13), PolicyState.init(config, 13), PolicyState.init(config, 13)];
    for (const [state, r] of [[a, spread], [b, first], [c, lastOnly]] as const) await policyUpdate(runner, state, r, settings('grpo', { adamw: GRADIENT_STEP }));
    expect(largestWeightDifference(a, b)).toBeLessThan(1e-6);
    expect(largestWeightDifference(a, c)).toBeGreaterThan(1e-4);
  });

  describe('klEstimator', () => {
    it.each(KL_ESTIMATORS)('%s: the kl metric is that estimator averaged over the response tokens under the policy', async (estimator) => {
      const state = PolicyState.init(config, 17);
      const logProbs = await scoreCompletions({ runner, config, weights: state.weights }, rows(), { padId: PAD });
      const estimate: Record<KlEstimator, (logRatio: number) => number> = { k1: (r) => -r, k2: (r) => (r * r) / 2, k3: (r) => Math.exp(r) - 1 - r };
      const perToken = rows().flatMap((row, i) => Array.from(row.refLogProbs!, (ref, j) => estimate[estimator](ref - logProbs[i][j])));
      const out = await policyUpdate(runner, state, rows(), settings('dapo', { klBeta: 0.04, klEstimator: estimator }));
      expect(out.kl).toBeCloseTo(perToken.reduce((p, q) => p + q, 0) / perToken.length, 4);
    });

    it('defaults to the preset estimator (grpo: k3) or to k3 (dapo has none), and refuses an unknown one', async () => {
      for (const loss of ['grpo', 'dapo'] as const) {
        const [preset, k3] = [PolicyState.init(config, 19), PolicyState.init(config, 19)];
        await policyUpdate(runner, preset, rows(), settings(loss, { klBeta: 0.04 }));
        await policyUpdate(runner, k3, rows(), settings(loss, { klBeta: 0.04, klEstimator: 'k3' }));
        expect(differingTensors(preset, k3)).toEqual([]);
      }
      const k1 = await policyUpdate(runner, PolicyState.init(config, 19), rows(), settings('grpo', { klBeta: 0.04, klEstimator: 'k1' }));
      const k3 = await policyUpdate(runner, PolicyState.init(config, 19), rows(), settings('grpo', { klBeta: 0.04 }));
      expect(k1.kl).not.toBeCloseTo(k3.kl, 2);
      await expect(policyUpdate(runner, PolicyState.init(config, 1), rows(), settings('grpo', { klBeta: 0.04, klEstimator: 'k4' as KlEstimator }))).rejects.toThrow(
        /klEstimator must be one of k1, k2, k3, got "k4"/,
      );
    });
  });

  describe('refuses', () => {
    const refused = (r: PolicyRow[], microBatches = 1) => policyUpdate(runner, PolicyState.init(config, 1), r, settings('grpo', { microBatches }));
    it('rows that do not split into equal micro-batches', async () => {
      await expect(refused(rows().slice(0, 3), 2)).rejects.toThrow(/3 rows do not split into 2/);
    });
    it('an advantage array whose length is not the completion length, naming the row', async () => {
      const bad = rows().map((row, i) => (i === 1 ? { ...row, advantages: [1, 1] } : row));
      await expect(refused(bad)).rejects.toThrow(InputError);
      await expect(refused(bad)).rejects.toThrow(/policy update: row 1 has 2 advantages for its 3 completion tokens/);
    });
    it('a lossMask of the wrong length or with values other than 0 and 1', async () => {
      await expect(refused(rows().map((row, i) => (i === 2 ? { ...row, lossMask: [1] } : row)))).rejects.toThrow(/row 2 has 1 lossMask for its 2 completion tokens/);
      await expect(refused(rows().map((row, i) => (i === 0 ? { ...row, lossMask: [1, 0.5] } : row)))).rejects.toThrow(/row 0 has a lossMask value other than 0 or 1/);
    });
  });
});
