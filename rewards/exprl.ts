/**
 * ExpRL rewards (arXiv 2606.17024): a judge compares the response with the hidden reference solution. The outcome
 * variant pays the whole response once; the process variant pays each `###`-delimited step for the rubric progress
 * it adds, so the step rewards telescope to the final progress.
 */
import { InputError } from '../core/errors';
import { RewardResult } from './rewardResult';

export const STEP_DELIMITER = '###';

/** A judge score, 1..5; null when the judge output could not be parsed. */
export type JudgeScore = number | null;

export interface ExpRlResult extends RewardResult {
  /** Leave the trajectory out of the loss (the judge output was unparsable): its score means nothing. */
  masked: boolean;
}

function isJudgeScore(score: JudgeScore): score is number {
  return score !== null && Number.isInteger(score) && score >= 1 && score <= 5;
}

/** r = (s - 1) / 4. */
export function exprlOutcomeReward(judgeScore: JudgeScore): ExpRlResult {
  if (!isJudgeScore(judgeScore)) {
    return { score: 0, masked: true, components: { masked: 1 }, reason: `unparsable judge score ${judgeScore}: masked` };
  }
  const score = (judgeScore - 1) / 4;
  return { score, masked: false, components: { judge: judgeScore, masked: 0 }, reason: `judge ${judgeScore}/5` };
}

export function exprlOutcomeRewardBatch(judgeScores: readonly JudgeScore[]): ExpRlResult[] {
  return judgeScores.map(exprlOutcomeReward);
}

export interface ResponseStep {
  text: string;
  /** UTF-16 offsets into the response, [start, end). */
  start: number;
  end: number;
}

/**
 * Steps of a response split on `###`. Each step's span runs to the end of the delimiter that closes it, so the spans
 * tile the response and every token falls in exactly one step (ours). A step with nothing but whitespace is merged
 * into the step before it (the first into the next), so the judge never grades an empty step.
 */
export function splitSteps(response: string): ResponseStep[] {
  const pieces: ResponseStep[] = [];
  let start = 0;
  for (;;) {
    const at = response.indexOf(STEP_DELIMITER, start);
    const textEnd = at < 0 ? response.length : at;
    const end = at < 0 ? response.length : at + STEP_DELIMITER.length;
    pieces.push({ text: response.slice(start, textEnd), start, end });
    if (at < 0) break;
    start = end;
  }
  const steps: ResponseStep[] = [];
  let pendingStart: number | null = null;
  for (const piece of pieces) {
    if (piece.text.trim() !== '') {
      steps.push({ text: piece.text.trim(), start: pendingStart ?? piece.start, end: piece.end });
      pendingStart = null;
    } else if (steps.length > 0) {
      steps[steps.length - 1].end = piece.end;
    } else {
      pendingStart ??= piece.start;
    }
  }
  if (steps.length === 0) return [{ text: '', start: 0, end: response.length }];
  return steps;
}

export interface StepReward extends ResponseStep {
  /** s_k = (score_k - 1) / 4: rubric progress reached by the end of this step. */
  progress: number;
  /** r_k = s_k - s_{k-1}, s_0 = 0: the advantage of every token of the step. */
  reward: number;
}

export interface ExpRlProcessResult extends ExpRlResult {
  steps: StepReward[];
}

export interface ExpRlProcessInput {
  response: string;
  /** One judge score per step of `splitSteps(response)`, in order. */
  stepScores: readonly JudgeScore[];
  /** Cut off at the length limit: every step gets 0. */
  truncated: boolean;
}

export function exprlProcessReward(input: ExpRlProcessInput): ExpRlProcessResult {
  const steps = splitSteps(input.response);
  if (input.stepScores.length !== steps.length) {
    throw new InputError(`ExpRL: ${input.stepScores.length} judge scores for ${steps.length} steps`);
  }
  const zeroSteps = steps.map((step) => ({ ...step, progress: 0, reward: 0 }));
  if (input.truncated) {
    return {
      score: 0,
      masked: false,
      components: { truncated: 1, masked: 0, steps: steps.length },
      reason: 'truncated response: every step 0',
      steps: zeroSteps,
    };
  }
  const unparsable = input.stepScores.findIndex((score) => !isJudgeScore(score));
  if (unparsable >= 0) {
    return {
      score: 0,
      masked: true,
      components: { truncated: 0, masked: 1, steps: steps.length },
      reason: `unparsable judge score for step ${unparsable + 1}: trajectory masked`,
      steps: zeroSteps,
    };
  }
  let previous = 0;
  const rewarded = steps.map((step, k) => {
    const progress = ((input.stepScores[k] as number) - 1) / 4;
    const reward = progress - previous;
    previous = progress;
    return { ...step, progress, reward };
  });
  return {
    score: previous,
    masked: false,
    components: { truncated: 0, masked: 0, steps: steps.length, finalProgress: previous },
    reason: `${steps.length} steps, progress ${rewarded.map((s) => s.progress.toFixed(2)).join(' -> ')}`,
    steps: rewarded,
  };
}

export function exprlProcessRewardBatch(inputs: readonly ExpRlProcessInput[]): ExpRlProcessResult[] {
  return inputs.map(exprlProcessReward);
}

/**
 * Per-token advantages from step rewards: a token gets the reward of the step holding its first character.
 * `tokenOffsets[i]` is token i's [start, end) in the response, as a tokenizer's offset mapping gives it.
 */
export function stepRewardsPerToken(steps: readonly StepReward[], tokenOffsets: readonly (readonly [number, number])[]): number[] {
  let k = 0;
  return tokenOffsets.map(([start]) => {
    while (k < steps.length - 1 && start >= steps[k].end) k++;
    while (k > 0 && start < steps[k].start) k--;
    return steps[k]?.reward ?? 0;
  });
}
