import { POLICY_LOSS_PRESETS, PPO_DEFAULTS, PolicyLossName, TrainLossName, generalizedAdvantages, groupAdvantages, ppoTokenRewards } from '../train';
import { CHOICE_POSITIONS, GradcheckBatch, RESPONSE_MASK, SEQ_LEN } from './gradcheckBatch';

/**
 * log(rho) of each response token, cycled: inside the clip range (rho 1.05, 0.95), above 1 + eps_high (1.65) and
 * below 1 - eps_low (0.61). Finite-difference steps move log-probs far less than the distance to a clip boundary,
 * so no evaluation straddles a kink.
 */
const LOG_RATIOS = [0.05, 0.5, -0.5, -0.05];
/** log-prob minus reference log-prob of each response token, cycled. */
const REF_GAPS = [0.3, -0.2, 0.1, -0.4];
/** Value minus old value of each response token, cycled: inside and outside PPO's value clip range of 0.2. */
const VALUE_GAPS = [0.1, 0.5, -0.5, -0.1];
/** The rewards of the one group of two; its advantages are nonzero with and without std normalisation. */
const REWARDS = [1, 0.25];
/** The reward model's scores of the two PPO rollouts. */
const SCORES = [1, -0.5];
/**
 * Hyperparameters that weigh a term (KL beta, DPO beta, the margin loss's weight) are set larger than the recipes'
 * small defaults, so each term's gradient is a real part of what is checked.
 */
const CHECKED_WEIGHT = 0.5;
/** Token ids of the two labels of each contrastive prompt: the right one, the other one. */
const LABELS = { correct: [3, 7], other: [7, 2] };

/** What the model computes now, around which the old, reference and value inputs are placed. */
export interface CurrentOutputs {
  /** [B, T] log-probs of the targets. */
  logProbs: number[];
  /** [B, T] scalar head values, for a model with a head. */
  headValues?: number[];
}

/** Each response token's value minus the cycled gaps; 0 off the response. */
function shiftedOnResponse(values: number[], gaps: number[]): number[] {
  let k = 0;
  return values.map((x, i) => (RESPONSE_MASK[i] ? x - gaps[k++ % gaps.length] : 0));
}

/** Each row's advantage on its response tokens; 0 off the response. */
function onResponse(perRow: ArrayLike<number>): number[] {
  return RESPONSE_MASK.map((m, i) => m * perRow[Math.floor(i / SEQ_LEN)]);
}

function rowSums(values: number[], mask: number[]): number[] {
  return Array.from({ length: values.length / SEQ_LEN }, (_, b) => values.slice(b * SEQ_LEN, (b + 1) * SEQ_LEN).reduce((s, x, t) => s + x * mask[b * SEQ_LEN + t], 0));
}

/** The value of every input the loss declares, by name. */
export function gradcheckLossInputs(loss: TrainLossName, batch: GradcheckBatch, current: CurrentOutputs): Record<string, number[]> {
  const policyRows = { targets: batch.targets.slice(0, RESPONSE_MASK.length), responseMask: RESPONSE_MASK };
  switch (loss) {
    case 'sft':
      return { targets: batch.targets, targetMask: RESPONSE_MASK };
    case 'dpo':
      return { ...policyRows, refLogProbs: rowSums(shiftedOnResponse(current.logProbs, REF_GAPS), RESPONSE_MASK), dpoBeta: [CHECKED_WEIGHT] };
    case 'rewardModel':
      return {};
    case 'ppo':
      return { ...policyRows, ...ppoInputs(current) };
    case 'grpoContextMargin':
      return {
        ...policyInputs('grpo', current.logProbs.slice(0, RESPONSE_MASK.length)),
        ...policyRows,
        choicePositions: CHOICE_POSITIONS,
        correctLabels: LABELS.correct,
        otherLabels: LABELS.other,
        contextMarginClip: [5],
        contextMarginWeight: [CHECKED_WEIGHT],
      };
    default:
      return { ...policyRows, ...policyInputs(loss, current.logProbs) };
  }
}

/** The preset's inputs with old and reference log-probs at fixed gaps from the model's current log-probs. */
function policyInputs(name: PolicyLossName, logProbs: number[]): Record<string, number[]> {
  const preset = POLICY_LOSS_PRESETS[name];
  return {
    oldLogProbs: shiftedOnResponse(logProbs, LOG_RATIOS),
    refLogProbs: shiftedOnResponse(logProbs, REF_GAPS),
    advantages: onResponse(groupAdvantages(REWARDS, REWARDS.length, { normalise: preset.normaliseAdvantages })),
    epsLow: [preset.defaults.epsLow],
    epsHigh: [preset.defaults.epsHigh],
    klBeta: [CHECKED_WEIGHT],
    maxResponseLength: [SEQ_LEN],
  };
}

/** A rollout scored by the old policy and value head, with InstructGPT's token rewards and GAE on the host. */
function ppoInputs(current: CurrentOutputs): Record<string, number[]> {
  const oldLogProbs = shiftedOnResponse(current.logProbs, LOG_RATIOS);
  const oldValues = shiftedOnResponse(current.headValues ?? [], VALUE_GAPS);
  const rewards = ppoTokenRewards({ seqLen: SEQ_LEN, mask: RESPONSE_MASK, logProbs: oldLogProbs, refLogProbs: shiftedOnResponse(current.logProbs, REF_GAPS), scores: SCORES, klBeta: CHECKED_WEIGHT });
  const { advantages, returns } = generalizedAdvantages({ seqLen: SEQ_LEN, mask: RESPONSE_MASK, rewards, values: oldValues, gamma: PPO_DEFAULTS.gamma, lambda: PPO_DEFAULTS.lambda });
  return {
    oldLogProbs,
    oldValues,
    advantages: Array.from(advantages),
    returns: Array.from(returns),
    clipRange: [PPO_DEFAULTS.clipRange],
    valueClipRange: [PPO_DEFAULTS.valueClipRange],
    valueCoef: [CHECKED_WEIGHT],
  };
}
