/**
 * Luar boundary-aware reward (arXiv 2606.02465): a correct answer is worth more when it called the translator on a
 * query where translating helps, and less when it called it where it does not.
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

export const LUAR_GAMMA = 0.2;
export const LUAR_DELTA = 0.1;

// Accuracies are ratios of small counts (k / 8), so d_acc + delta can land one ulp off t_acc (0.2 + 0.1 > 0.3).
const ACCURACY_SLACK = 1e-9;

export interface BoundaryLabel {
  /** Stage I SFT mode: Translator when it is strictly more accurate than Direct. */
  mode: 'direct' | 'translator';
  /** u(q): translating raises accuracy by at least delta. */
  useful: boolean;
}

/** Boundary estimation from K samples per mode: d_acc (Direct) and t_acc (Translator) accuracies in [0, 1]. */
export function boundaryLabel(directAccuracy: number, translatorAccuracy: number, delta = LUAR_DELTA): BoundaryLabel {
  for (const value of [directAccuracy, translatorAccuracy]) {
    if (!(value >= 0 && value <= 1)) throw new InputError(`accuracy must be in [0, 1], got ${value}`);
  }
  return {
    mode: translatorAccuracy > directAccuracy ? 'translator' : 'direct',
    useful: translatorAccuracy >= directAccuracy + delta - ACCURACY_SLACK,
  };
}

/** Whether a response called the translator, in either of the two call syntaxes the rollout executes. */
export function hasTranslatorCall(response: string): boolean {
  return /CALL\s+Translator\s*\(|<translate>/.test(response);
}

export interface LuarSample {
  correct: boolean;
  calledTranslator: boolean;
  /** u(q) of the sample's query, from `boundaryLabel`. */
  useful: boolean;
}

/** 1 + gamma (correct, call, useful); 1 (correct, no call); 1 - gamma (correct, call, not useful); 0 otherwise. */
export function luarBoundaryReward(sample: LuarSample, gamma = LUAR_GAMMA): RewardResult {
  if (!(gamma >= 0 && gamma <= 1)) throw new InputError(`Luar gamma must be in [0, 1], got ${gamma}`);
  const { correct, calledTranslator, useful } = sample;
  const components = { correct: correct ? 1 : 0, call: calledTranslator ? 1 : 0, useful: useful ? 1 : 0 };
  if (!correct) return { score: 0, components, reason: 'wrong answer' };
  if (!calledTranslator) return { score: 1, components, reason: 'correct without translating' };
  return useful
    ? { score: 1 + gamma, components, reason: 'correct, translated where translating helps' }
    : { score: 1 - gamma, components, reason: 'correct, translated where translating does not help' };
}

export function luarBoundaryRewardBatch(samples: readonly LuarSample[], gamma = LUAR_GAMMA): RewardResult[] {
  return samples.map((sample) => luarBoundaryReward(sample, gamma));
}
