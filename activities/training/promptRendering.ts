import type { CheckpointTokenizer } from '../../engine/io';
import type { RunConfig } from '../../training/runConfig';
import type { PromptRendering } from '../../training/tasks';
import type { TrainingContext } from './trainingContext';

export type PromptSettings = NonNullable<RunConfig['prompts']>;

/** A checkpoint's prompt rendering and stop tokens: its chat template unless the run asks for raw prompts. */
export async function promptRenderingOf(ctx: TrainingContext, checkpoint: string, settings?: PromptSettings): Promise<PromptRendering & Pick<CheckpointTokenizer, 'stopTokens'>> {
  const { tokenizer, chatTemplate, stopTokens } = await ctx.policies.tokenizer(checkpoint);
  const chat =
    chatTemplate && (settings?.chatTemplate ?? true)
      ? { template: chatTemplate, ...(settings?.system !== undefined ? { system: settings.system } : {}), ...(settings?.templateVariables ? { variables: settings.templateVariables } : {}) }
      : undefined;
  return { tokenizer, ...(chat ? { chat } : {}), stopTokens };
}
