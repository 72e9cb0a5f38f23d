import { InputError } from '../../core/errors';
import { trainSft, type PolicyState } from '../../engine/train';
import type { RunConfig } from '../../training/runConfig';
import { promptTokens, type Episode, type PromptRendering, type Task } from '../../training/tasks';
import { engineFor } from '../sharedEngine';

export interface SftWarmupInput {
  sft: NonNullable<RunConfig['sft']>;
  seed: number | string;
  maxPromptTokens: number;
  maxTokens: number;
  threads: number;
}

/** The examples of the warm-up: each training episode's plain prompt and the task's demonstration, ended by eos. */
export function warmupExamples(task: Task, train: readonly Episode[], rendering: PromptRendering, input: SftWarmupInput): Array<{ prompt: number[]; completion: number[] }> {
  const examples = train.flatMap((episode) => {
    const demonstration = task.demonstration(episode);
    if (demonstration === null) return [];
    const prompt = promptTokens(task, episode, rendering);
    const completion = rendering.tokenizer.encode(demonstration, { eos: true });
    return prompt.length <= input.maxPromptTokens && completion.length <= input.maxTokens ? [{ prompt, completion }] : [];
  });
  if (examples.length === 0) throw new InputError(`sft: no training record has a demonstration that fits maxPromptTokens ${input.maxPromptTokens} and maxTokens ${input.maxTokens}`);
  return examples;
}

/** Trains `state` in place on the warm-up examples, reporting each step. */
export async function sftWarmup(state: PolicyState, task: Task, train: readonly Episode[], rendering: PromptRendering, input: SftWarmupInput, onStep: (step: number, loss: number) => void): Promise<number[]> {
  return trainSft({
    runner: engineFor(input.threads),
    state,
    examples: warmupExamples(task, train, rendering, input),
    steps: input.sft.steps,
    batch: input.sft.batch,
    seed: `${input.seed}/sft`,
    padId: rendering.tokenizer.pad,
    adamw: { lr: input.sft.lr },
    onStep,
  });
}
