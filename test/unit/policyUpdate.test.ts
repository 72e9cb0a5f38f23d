import '../helpers/shareTypedArraysWithOrt';
import { namedSizes, type ModelConfig } from '../../engine/model';
import { SessionCache, resolveRuntimeOptions } from '../../engine/runtime';
import { sessionCacheRunner } from '../../engine/infer';
import { DEFAULT_ADAMW, PolicyState, policyUpdate, type PolicyRow } from '../../engine/train';

const config: ModelConfig = { ...namedSizes.tiny, dModel: 32, nHeads: 4, nKvHeads: 2, dFf: 64, nLayers: 1, maxSeqLen: 64 };

function rows(): PolicyRow[] {
  return Array.from({ length: 4 }, (_, i) => ({
    prompt: [256, 10 + i, 20 + i],
    completion: [30 + i, 40, 257].slice(0, 2 + (i % 2)),
    logProbs: [-1.5, -2.25, -0.5].slice(0, 2 + (i % 2)),
    refLogProbs: [-1.4, -2.2, -0.6].slice(0, 2 + (i % 2)),
  }));
}

describe('policyUpdate', () => {
  const cache = new SessionCache(resolveRuntimeOptions({ threads: 1 }));
  const runner = sessionCacheRunner(cache);
  afterAll(() => cache.release());
  const settings = { loss: 'grpo' as const, length: 8, epsLow: 0.2, epsHigh: 0.2, klBeta: 0.04, maxResponseLength: 3, adamw: DEFAULT_ADAMW, padId: 258 };

  it('averages micro-batch gradients into the same step as one fused batch (per-sequence aggregation)', async () => {
    const fused = PolicyState.init(config, 3);
    const accumulated = PolicyState.init(config, 3);
    const advantages = [1, -1, 0.5, -0.5];
    const a = await policyUpdate(runner, fused, rows(), advantages, { ...settings, microBatches: 1 });
    const heartbeats: number[] = [];
    const b = await policyUpdate(runner, accumulated, rows(), advantages, { ...settings, microBatches: 2 }, (done) => heartbeats.push(done));
    expect(heartbeats).toEqual([1, 2]);
    expect(b.gradNorm).toBeCloseTo(a.gradNorm, 5);
    expect(b.loss).toBeCloseTo(a.loss, 6);
    expect(a.kl).toBeGreaterThan(0);
    for (const [name, w] of fused.weights) {
      const other = accumulated.weights.get(name)!;
      const worst = w.reduce((m, x, i) => Math.max(m, Math.abs(x - other[i])), 0);
      expect(worst).toBeLessThan(1e-6);
    }
    expect(fused.step).toBe(1);
    expect(accumulated.step).toBe(1);
  });

  it('restores a state from its weights and moments exactly', async () => {
    const state = PolicyState.init(config, 5);
    await policyUpdate(runner, state, rows(), [1, -1, 1, -1], { ...settings, klBeta: 0, microBatches: 1 });
    const moments = new Map([...state.moments()].map(([name, t]) => [name, t.data]));
    const restored = PolicyState.restore(config, state.weights, moments, state.step);
    await policyUpdate(runner, state, rows(), [1, -1, 1, -1], { ...settings, klBeta: 0, microBatches: 1 });
    await policyUpdate(runner, restored, rows(), [1, -1, 1, -1], { ...settings, klBeta: 0, microBatches: 1 });
    for (const [name, w] of state.weights) expect(Buffer.from(restored.weights.get(name)!.buffer).equals(Buffer.from(w.buffer))).toBe(true);
  });

  it('rejects rows that do not split into equal micro-batches', async () => {
    await expect(policyUpdate(runner, PolicyState.init(config, 1), rows().slice(0, 3), [1, 0, -1], { ...settings, microBatches: 2 })).rejects.toThrow(/3 rows do not split into 2/);
  });
});
