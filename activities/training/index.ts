import { checkPrompts, type CheckPromptsInput } from './checkPromptsActivity';
import { evaluate, type EvaluateInput } from './evaluateActivity';
import { grade, type GradeInput } from './gradeActivity';
import { initPolicy, resumePolicy, type InitPolicyInput } from './initPolicyActivity';
import { planRun } from './planRun';
import { reward, type RewardInput } from './rewardActivity';
import { rollout, type RolloutInput } from './rolloutActivity';
import type { TrainingContext } from './trainingContext';
import { update, type UpdateInput } from './updateActivity';

/** The training run's activities, by the queue that runs them: rewards on CPU workers, the model on GPU workers. */
export function createTrainingActivities(ctx: TrainingContext) {
  const { store } = ctx;
  return {
    cpu: {
      /** Validates a run config (errors name the field) and returns it resolved, with its hash. */
      planRun: (raw: unknown) => planRun(store, raw),
      checkPrompts: (input: CheckPromptsInput) => checkPrompts(ctx, input),
      reward: (input: RewardInput) => reward(ctx, input),
      resumePolicy: (input: { checkpoint: string }) => resumePolicy(ctx, input),
    },
    gpu: {
      initPolicy: (input: InitPolicyInput) => initPolicy(ctx, input),
      rollout: (input: RolloutInput) => rollout(ctx, input),
      grade: (input: GradeInput) => grade(ctx, input),
      update: (input: UpdateInput) => update(ctx, input),
      evaluate: (input: EvaluateInput) => evaluate(ctx, input),
    },
  };
}
