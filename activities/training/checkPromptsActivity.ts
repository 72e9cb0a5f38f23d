import { InputError } from '../../core/errors';
import { methodNamed } from '../../recipes/methods';
import { describeSkipped, promptFit } from './promptFit';
import { promptRenderingOf, type PromptSettings } from './promptRendering';
import { splitPools, type TrainingContext } from './trainingContext';

export interface CheckPromptsInput {
  datasetId: string;
  /** The run's initial checkpoint, whose tokenizer and chat template make the prompts. */
  checkpoint: string;
  prompts?: PromptSettings;
  method: string;
  maxPromptTokens: number;
  maxSkippedShare: number;
}

/** How many records a run skips because their prompt is longer than maxPromptTokens, with the first few named. */
export interface PromptCheck {
  train: number;
  trainSkipped: number;
  heldOut: number;
  heldOutSkipped: number;
  /** The first skipped records, described (dataset, record, fields, length). */
  examples: string[];
}

const EXAMPLES = 3;

/**
 * Finds, before the first rollout, the records whose largest prompt does not fit: they are skipped and counted,
 * and the run fails, naming the first of them, when more than `maxSkippedShare` of the training records would be.
 */
export async function checkPrompts(ctx: TrainingContext, input: CheckPromptsInput): Promise<PromptCheck> {
  const { task, episodes } = await ctx.dataset(input.datasetId);
  const method = methodNamed(input.method);
  const pools = splitPools(episodes);
  const rendering = await promptRenderingOf(ctx, input.checkpoint, input.prompts);
  const train = promptFit(task, method, pools.train, rendering, input.maxPromptTokens);
  const heldOut = promptFit(task, method, pools.eval, rendering, input.maxPromptTokens);
  const share = train.skipped.length / pools.train.length;
  if (share > input.maxSkippedShare) {
    throw new InputError(
      `${train.skipped.length} of ${pools.train.length} training records (${(100 * share).toFixed(1)}%, more than maxSkippedShare ${input.maxSkippedShare}) have a prompt over maxPromptTokens; the first: ${describeSkipped(input.datasetId, task, train.skipped[0], input.maxPromptTokens)}; raise maxPromptTokens (and the policy's maxSeqLen) or maxSkippedShare`,
    );
  }
  return {
    train: pools.train.length,
    trainSkipped: train.skipped.length,
    heldOut: pools.eval.length,
    heldOutSkipped: heldOut.skipped.length,
    examples: [...train.skipped, ...heldOut.skipped].slice(0, EXAMPLES).map((s) => describeSkipped(input.datasetId, task, s, input.maxPromptTokens)),
  };
}
