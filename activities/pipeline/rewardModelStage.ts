import { scoreWithRewardModel } from '../../engine/infer';
import { trainRewardModel } from '../../engine/train';
import { wilsonLowerBound } from '../../training/wilsonBound';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
import { engineFor } from '../sharedEngine';
import type { TrainingContext } from '../training/trainingContext';
import { preferenceExamples } from './preferenceExamples';
import { commitStageOutput } from './stageCheckpoint';
import { lossSummary, mean, type StageBasics, type StageOutput } from './stageOutput';
import { stageStart, type StagePolicy } from './stagePolicy';

export interface RewardModelStageInput extends StageBasics {
  policy: StagePolicy;
  steps: number;
  batch: number;
  lr: number;
}

/**
 * The `rewardModel` stage: a score head on the trunk, Bradley-Terry on the training pairs, then the held-out pairs'
 * accuracy with its 95% Wilson lower bound (the pipeline's gate reads it). The checkpoint is committed whatever the
 * accuracy, so a reward model the gate refuses can still be inspected.
 */
export async function rewardModelStage(ctx: TrainingContext, input: RewardModelStageInput): Promise<StageOutput> {
  return committedOutput(ctx.store, 'rewardModelStage', input, () =>
    heartbeatingWhile<Record<string, unknown>, StageOutput>({ phase: 'loading', stage: input.stage }, async (report) => {
      const start = await stageStart(ctx, input.policy, input.seed, 'score');
      const { task, episodes } = await ctx.dataset(input.datasetId);
      const [train, heldOut] = (['train', 'eval'] as const).map((split) => preferenceExamples(task, episodes, split, start.rendering, 'rewardModel', input.stage));
      const runner = engineFor(input.threads);
      const padId = start.rendering.tokenizer.pad;
      const { losses, accuracies } = await trainRewardModel({
        runner,
        state: start.state,
        pairs: train,
        steps: input.steps,
        batch: input.batch,
        seed: `${input.seed}/${input.stage}`,
        padId,
        adamw: { lr: input.lr },
        onStep: (step, loss, accuracy) => report({ phase: 'rewardModel', stage: input.stage, step, steps: input.steps, loss, accuracy }),
      });
      report({ phase: 'held-out', stage: input.stage, pairs: heldOut.length });
      const model = { runner, config: start.state.config, weights: start.state.weights };
      const [chosen, rejected] = await Promise.all(
        (['chosen', 'rejected'] as const).map((side) => scoreWithRewardModel(model, heldOut.map((p) => ({ prompt: p.prompt, completion: p[side] })), { padId })),
      );
      const correct = chosen.filter((score, i) => score > rejected[i]).length;
      const { steps, batch, lr } = input;
      const checkpoint = await commitStageOutput(ctx.store, start, input, 'rewardModel', { steps, batch, lr, pairs: train.length });
      return {
        checkpoint,
        metrics: {
          ...lossSummary(losses),
          trainAccuracy: mean(accuracies.slice(-10)),
          heldOutPairs: heldOut.length,
          heldOutAccuracy: correct / heldOut.length,
          heldOutLowerBound: wilsonLowerBound(correct, heldOut.length),
        },
      };
    }),
  );
}
