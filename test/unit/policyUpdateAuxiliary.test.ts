import '../helpers/shareTypedArraysWithOrt';
import { sessionCacheRunner } from '../../engine/infer';
import { SessionCache, resolveRuntimeOptions } from '../../engine/runtime';
import { PolicyState, policyUpdate, type AuxiliaryRows, type ContextMarginRow, type PolicyUpdateSettings } from '../../engine/train';
import { GRADIENT_STEP, differingTensors, policyConfig as config, policyRows as rows, policySettings as settings } from '../helpers/policyUpdateKit';

/** Two contrastive prompts of different lengths, so the second is right-padded. */
const prompts: ContextMarginRow[] = [
  { prompt: [256, 60, 61, 62, 63], correctLabel: 70, otherLabel: 80 },
  { prompt: [256, 64, 65], correctLabel: 81, otherLabel: 71 },
];
const margin = (weight: number, r: ContextMarginRow[] = prompts): AuxiliaryRows => ({ loss: 'contextMargin', weight, rows: r });

type Weights = Map<string, Float32Array>;
const dot = (a: Weights, b: Weights): number => [...a].reduce((sum, [name, x]) => sum + x.reduce((s, xi, i) => s + xi * b.get(name)![i], 0), 0);
const combine = (a: Weights, b: Weights, f: (x: number, y: number) => number): Weights => new Map([...a].map(([name, x]) => [name, x.map((xi, i) => f(xi, b.get(name)![i]))]));

describe('policyUpdate with auxiliary rows (ContextRL margin)', () => {
  const cache = new SessionCache(resolveRuntimeOptions({ threads: 1 }));
  const runner = sessionCacheRunner(cache);
  afterAll(() => cache.release());

  it.each([1, 2])('at weight 0 changes nothing, to the byte (%i micro-batches)', async (microBatches) => {
    const [plain, weighted] = [PolicyState.init(config, 21), PolicyState.init(config, 21)];
    const a = await policyUpdate(runner, plain, rows(), settings('grpo', { klBeta: 0.04, microBatches }));
    const b = await policyUpdate(runner, weighted, rows(), settings('grpo', { klBeta: 0.04, microBatches, auxiliary: margin(0) }));
    expect(differingTensors(plain, weighted)).toEqual([]);
    expect([b.loss, b.clipFraction, b.kl, b.gradNorm]).toEqual([a.loss, a.clipFraction, a.kl, a.gradNorm]);
    expect(b.auxiliary!.contextLoss).toBeCloseTo(Math.log(2), 0);
    expect(Object.keys(b.auxiliary!)).toEqual(['contextLoss', 'contextMargin', 'contextAccuracy']);
  });

  it('moves the weights along the gradient of policy loss + weight * margin loss (central differences)', async () => {
    const weight = 0.5;
    const start = PolicyState.init(config, 23).snapshot();
    const s = settings('grpo', { adamw: GRADIENT_STEP, auxiliary: margin(weight) });
    /** The objective and the margin loss at these weights (the metrics are taken before the step). */
    const objectives = async (weights: Weights, withAux: PolicyUpdateSettings = s) => {
      const out = await policyUpdate(runner, PolicyState.fromWeights(config, weights), rows(), withAux);
      return { total: out.loss, margin: out.auxiliary?.contextLoss ?? 0 };
    };
    /** GRADIENT_STEP moves the weights by minus the gradient. */
    const gradient = async (withAux: PolicyUpdateSettings): Promise<Weights> => {
      const state = PolicyState.fromWeights(config, start);
      await policyUpdate(runner, state, rows(), withAux);
      return combine(start, state.weights, (before, after) => before - after);
    };
    const total = await gradient(s);
    const auxiliaryPart = combine(total, await gradient({ ...s, auxiliary: undefined }), (both, main) => (both - main) / weight);
    expect(Math.sqrt(dot(auxiliaryPart, auxiliaryPart))).toBeGreaterThan(0.05 * Math.sqrt(dot(total, total)));

    // J(w + h u) - J(w - h u) against the gradient dotted with the step actually taken (float32 rounds the weights).
    const h = 1e-3;
    for (const [direction, read, grad] of [
      [total, 'total', total],
      [auxiliaryPart, 'margin', auxiliaryPart],
    ] as const) {
      const norm = Math.sqrt(dot(direction, direction));
      const plus = combine(start, direction, (w, d) => w + (h * d) / norm);
      const minus = combine(start, direction, (w, d) => w - (h * d) / norm);
      const measured = (await objectives(plus))[read] - (await objectives(minus))[read];
      const predicted = dot(grad, combine(plus, minus, (p, m) => p - m));
      process.stdout.write(`${read} objective along its gradient: central difference ${measured.toExponential(6)}, gradient says ${predicted.toExponential(6)}\n`);
      expect(Math.abs(measured - predicted)).toBeLessThan(1e-3 * Math.abs(predicted));
    }
  });

  it('refuses auxiliary rows that do not split into the micro-batches or name a token outside the vocabulary', async () => {
    const update = (auxiliary: AuxiliaryRows, microBatches = 1) => policyUpdate(runner, PolicyState.init(config, 1), rows(), settings('grpo', { microBatches, auxiliary }));
    await expect(update(margin(0.1, prompts.slice(0, 1)), 2)).rejects.toThrow(/1 auxiliary contextMargin rows do not split into 2 equal micro-batches/);
    await expect(update(margin(0.1, [prompts[0], { ...prompts[1], otherLabel: 300 }]))).rejects.toThrow(/auxiliary contextMargin row 1 otherLabel must be a token id in \[0, 264\), got 300/);
    await expect(update(margin(0.1, [{ ...prompts[0], prompt: new Array(9).fill(256) }]))).rejects.toThrow(/auxiliary contextMargin row 0 has 9 prompt tokens, the batch holds 1 to 8/);
  });
});
