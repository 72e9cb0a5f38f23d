import { trainSft } from '../../engine/train';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
import { engineFor } from '../sharedEngine';
import { warmupExamples } from '../training/sftWarmup';
import { splitPools, type TrainingContext } from '../training/trainingContext';
import { commitStageOutput } from './stageCheckpoint';
import { lossSummary, type StageBasics, type StageOutput } from './stageOutput';
import { stageStart, type StagePolicy } from './stagePolicy';

export interface SftStageInput extends StageBasics {
  policy: StagePolicy;
  steps: number;
  batch: number;
  lr: number;
  maxPromptTokens: number;
  maxTokens: number;
}

/** The `sft` stage: the dataset's demonstrations (prompt -> completion, eos) on its training split; commits the checkpoint. */
export async function sftStage(ctx: TrainingContext, input: SftStageInput): Promise<StageOutput> {
  return committedOutput(ctx.store, 'sftStage', input, () =>
    heartbeatingWhile<Record<string, unknown>, StageOutput>({ phase: 'loading', stage: input.stage }, async (report) => {
      const start = await stageStart(ctx, input.policy, input.seed);
      const { task, episodes } = await ctx.dataset(input.datasetId);
      const examples = warmupExamples(task, splitPools(episodes).train, start.rendering, { ...input, sft: { steps: input.steps, batch: input.batch, lr: input.lr } });
      const losses = await trainSft({
        runner: engineFor(input.threads),
        state: start.state,
        examples,
        steps: input.steps,
        batch: input.batch,
        seed: `${input.seed}/${input.stage}`,
        padId: start.rendering.tokenizer.pad,
        adamw: { lr: input.lr },
        onStep: (step, loss) => report({ phase: 'sft', stage: input.stage, step, steps: input.steps, loss }),
      });
      const { steps, batch, lr, maxPromptTokens, maxTokens } = input;
      const checkpoint = await commitStageOutput(ctx.store, start, input, 'sft', { steps, batch, lr, maxPromptTokens, maxTokens, examples: examples.length });
      return { checkpoint, metrics: { ...lossSummary(losses), examples: examples.length } };
    }),
  );
}
