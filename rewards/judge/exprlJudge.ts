/**
 * ExpRL's rewards with a judge model as the grader: the outcome variant grades the whole response against the
 * hidden reference (r = (s - 1) / 4); the process variant grades each `###` prefix of the response against the
 * reference's checkpoints, and `exprlProcessReward` turns those scores into telescoping step rewards.
 */
import { exprlOutcomeReward, ExpRlProcessResult, ExpRlResult, exprlProcessReward, splitSteps, STEP_DELIMITER } from '../exprl';
import { checkpointRubric } from './judgePrompt';
import { JudgeBackend, JudgeOptions, judgeScore } from './judgeScore';

export interface ExpRlJudgeInput {
  /** The problem as the policy saw it. */
  instruction: string;
  response: string;
  /** The reference solution, hidden from the policy. */
  reference: string;
}

export async function exprlOutcomeRewardViaJudge(backend: JudgeBackend, input: ExpRlJudgeInput, options: JudgeOptions): Promise<ExpRlResult> {
  const judged = await judgeScore(backend, input, options);
  const reward = exprlOutcomeReward(judged.verdict);
  return { ...reward, components: { ...reward.components, attempts: judged.attempts }, reason: `${reward.reason}; ${judged.reason}` };
}

export interface ExpRlProcessJudgeInput extends ExpRlJudgeInput {
  /** The reference's key checkpoints (1 to 6: intermediate results and the final answer). */
  checkpoints: readonly string[];
  truncated: boolean;
}

/** Step k is graded on the response up to the end of step k: how much of the rubric it has reached by then. */
export async function exprlProcessRewardViaJudge(
  backend: JudgeBackend,
  input: ExpRlProcessJudgeInput,
  options: JudgeOptions,
): Promise<ExpRlProcessResult> {
  const steps = splitSteps(input.response);
  if (input.truncated) return exprlProcessReward({ response: input.response, stepScores: steps.map(() => null), truncated: true });
  const rubric = checkpointRubric(input.checkpoints);
  const stepScores: Array<number | null> = [];
  for (const [k, step] of steps.entries()) {
    const soFar = input.response.slice(0, step.end);
    const shown = (soFar.endsWith(STEP_DELIMITER) ? soFar.slice(0, -STEP_DELIMITER.length) : soFar).trimEnd();
    const judged = await judgeScore(
      backend,
      { instruction: input.instruction, response: shown, reference: input.reference, rubric },
      { ...options, seed: `${options.seed}/step-${k}` },
    );
    stepScores.push(judged.verdict);
    // One unparsable step masks the whole trajectory: the remaining steps need not be graded.
    if (judged.verdict === null) {
      return exprlProcessReward({ response: input.response, stepScores: steps.map((_, j) => (j < k ? stepScores[j] : null)), truncated: false });
    }
  }
  return exprlProcessReward({ response: input.response, stepScores, truncated: false });
}
