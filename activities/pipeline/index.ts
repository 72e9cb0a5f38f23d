import type { TrainingContext } from '../training/trainingContext';
import { dpoStage, type DpoStageInput } from './dpoStage';
import { evaluateStage, type EvaluateStageInput } from './evaluateStage';
import { planPipeline } from './planPipeline';
import { rewardModelStage, type RewardModelStageInput } from './rewardModelStage';
import { sftStage, type SftStageInput } from './sftStage';

/** A pipeline's activities: its plan on CPU workers, each training or evaluation stage on GPU workers. */
export function createPipelineActivities(ctx: TrainingContext) {
  return {
    cpu: {
      /** Validates a pipeline (every stage, reference and dataset) before its first stage. */
      planPipeline: (raw: unknown) => planPipeline(ctx, raw),
    },
    gpu: {
      sftStage: (input: SftStageInput) => sftStage(ctx, input),
      rewardModelStage: (input: RewardModelStageInput) => rewardModelStage(ctx, input),
      dpoStage: (input: DpoStageInput) => dpoStage(ctx, input),
      evaluateStage: (input: EvaluateStageInput) => evaluateStage(ctx, input),
    },
  };
}

export type { PipelinePlan } from './planPipeline';
export type { StageOutput } from './stageOutput';
