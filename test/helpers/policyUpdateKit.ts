/** A one-layer policy, rows and settings shared by the policyUpdate tests, and byte-level comparison of two states. */
import { namedSizes, type ModelConfig } from '../../engine/model';
import { DEFAULT_ADAMW, PolicyState, type PolicyLossName, type PolicyRow, type PolicyUpdateSettings } from '../../engine/train';

export const policyConfig: ModelConfig = { ...namedSizes.tiny, dModel: 32, nHeads: 4, nKvHeads: 2, dFf: 64, nLayers: 1, maxSeqLen: 64 };
export const PAD = 258;

/**
 * Four rows of 2 or 3 completion tokens, one per-sequence advantage each (two groups of two). The new policy gives
 * every byte about log(1/264) = -5.58; the old and reference log-probs sit near that, so ratios stay inside the clip
 * range and every token carries gradient.
 */
export function policyRows(advantages: readonly number[] = [1, -1, 0.5, -0.5]): PolicyRow[] {
  return advantages.map((advantage, i) => ({
    prompt: [256, 10 + i, 20 + i],
    completion: [30 + i, 40, 257].slice(0, 2 + (i % 2)),
    logProbs: [-5.5, -5.65, -5.6].slice(0, 2 + (i % 2)),
    refLogProbs: [-5.3, -5.75, -5.45].slice(0, 2 + (i % 2)),
    advantages: advantage,
  }));
}

export function policySettings(loss: PolicyLossName, overrides: Partial<PolicyUpdateSettings> = {}): PolicyUpdateSettings {
  return { loss, length: 8, microBatches: 1, epsLow: 0.2, epsHigh: 0.2, klBeta: 0, maxResponseLength: 3, adamw: DEFAULT_ADAMW, padId: PAD, ...overrides };
}

/**
 * AdamW's first step moves a weight by -lr g / (|g| + eps), about -lr sign(g) with the usual eps, which hides how
 * large a gradient is. With eps far above any |g| and lr = eps, the move is -g (1 - |g| / eps): the weights' change
 * is the gradient, so comparing states compares gradients.
 */
export const GRADIENT_STEP = { lr: 1e4, eps: 1e4, beta1: 0.9, beta2: 0.999, weightDecay: 0, maxGradNorm: 1e9 };

/** Every weight and AdamW moment of a state, by name. */
function tensorsOf(state: PolicyState): Map<string, Float32Array> {
  return new Map([...state.weights, ...[...state.moments()].map(([name, t]): [string, Float32Array] => [name, t.data])]);
}

/** The names of the tensors (weights and moments) whose bytes differ between two states; also a step mismatch. */
export function differingTensors(a: PolicyState, b: PolicyState): string[] {
  const theirs = tensorsOf(b);
  const differ = [...tensorsOf(a)].filter(([name, t]) => !Buffer.from(t.buffer, t.byteOffset, t.byteLength).equals(Buffer.from(theirs.get(name)!.buffer, theirs.get(name)!.byteOffset, theirs.get(name)!.byteLength)));
  return [...(a.step === b.step ? [] : ['step']), ...differ.map(([name]) => name)];
}

/** The largest absolute difference of any weight between two states. */
export function largestWeightDifference(a: PolicyState, b: PolicyState): number {
  let worst = 0;
  for (const [name, w] of a.weights) {
    const other = b.weights.get(name)!;
    w.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - other[i]))));
  }
  return worst;
}
