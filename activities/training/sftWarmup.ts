import { InputError } from '../../core/errors';
import { ByteTokenizer } from '../../engine/tokenizer';
import { trainSft, type PolicyState } from '../../engine/train';
import type { RunConfig } from '../../training/runConfig';
import { renderPrompt, solutionText, type TrainingProblem } from '../../training/trainingProblems';
import { engineFor } from '../sharedEngine';

const tokenizer = new ByteTokenizer();

export interface SftWarmupInput {
  sft: NonNullable<RunConfig['sft']>;
  seed: number | string;
  maxPromptTokens: number;
  maxTokens: number;
  threads: number;
}

/** The examples of the warm-up: each training problem's hint-free prompt and its reference solution. */
export function warmupExamples(train: readonly TrainingProblem[], input: SftWarmupInput): Array<{ prompt: number[]; completion: number[] }> {
  const examples = train.flatMap((problem) => {
    const prompt = tokenizer.encode(renderPrompt(problem, 0), { bos: true });
    const completion = tokenizer.encode(solutionText(problem.steps), { eos: true });
    return prompt.length <= input.maxPromptTokens && completion.length <= input.maxTokens ? [{ prompt, completion }] : [];
  });
  if (examples.length === 0) throw new InputError(`sft: no training problem fits maxPromptTokens ${input.maxPromptTokens} and maxTokens ${input.maxTokens}`);
  return examples;
}

/** Trains `state` in place on the warm-up examples, reporting each step. */
export async function sftWarmup(state: PolicyState, train: readonly TrainingProblem[], input: SftWarmupInput, onStep: (step: number, loss: number) => void): Promise<number[]> {
  return trainSft({
    runner: engineFor(input.threads),
    state,
    examples: warmupExamples(train, input),
    steps: input.sft.steps,
    batch: input.sft.batch,
    seed: `${input.seed}/sft`,
    padId: tokenizer.pad,
    adamw: { lr: input.sft.lr },
    onStep,
  });
}
