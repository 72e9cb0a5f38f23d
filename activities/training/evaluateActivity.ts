import { Context } from '@temporalio/activity';
import { generate } from '../../engine/infer';
import { ByteTokenizer } from '../../engine/tokenizer';
import { mathAnswerReward } from '../../rewards/mathAnswer';
import { renderPrompt } from '../../training/trainingProblems';
import { committedOutput } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import { promptPool } from './rolloutActivity';
import { splitPools, type TrainingContext } from './trainingContext';

export interface EvaluateInput {
  checkpoint: string;
  datasetId: string;
  /** Eval problems per language (the first ones of the eval split). */
  problems: number;
  maxTokens: number;
  maxPromptTokens: number;
  chunkPrompts: number;
  threads: number;
}

export interface LanguageEvaluation {
  problems: number;
  /** Hint-free accuracy with greedy decoding. */
  accuracy: number;
}

export interface EvaluationResult {
  checkpoint: string;
  byLanguage: Record<string, LanguageEvaluation>;
  accuracy: number;
}

const tokenizer = new ByteTokenizer();

/** The `evaluate` activity: heartbeats its progress. */
export function evaluate(ctx: TrainingContext, input: EvaluateInput): Promise<EvaluationResult> {
  return evaluateCheckpoint(ctx, input, (progress) => Context.current().heartbeat(progress));
}

/**
 * Hint-free greedy accuracy of a checkpoint on the held-out split, per language, committed under the hash of its
 * input: a run's evaluation and a one-off `drl eval` of the same checkpoint share the result.
 */
export async function evaluateCheckpoint(
  ctx: TrainingContext,
  input: EvaluateInput,
  report: (progress: { problemsDone: number; problems: number }) => void,
): Promise<EvaluationResult> {
  return committedOutput(ctx.store, 'evaluate', input, async () => {
    const { eval: held } = splitPools(await ctx.problems(input.datasetId));
    const fitting = held.length === 0 ? [] : promptPool(held, input.maxPromptTokens);
    const languages = [...new Set(fitting.map((p) => p.language))].sort();
    const chosen = languages.flatMap((language) => fitting.filter((p) => p.language === language).slice(0, input.problems));
    const { config, weights } = await ctx.policies.weights(input.checkpoint);
    const correct: boolean[] = [];
    for (let first = 0; first < chosen.length; first += input.chunkPrompts) {
      const problems = chosen.slice(first, first + input.chunkPrompts);
      const completions = await generate({ runner: engineFor(input.threads), config, weights }, tokenizer, {
        prompts: problems.map((p) => tokenizer.encode(renderPrompt(p, 0), { bos: true })),
        seed: 'evaluate',
        maxTokens: input.maxTokens,
        temperature: 0,
      });
      completions.forEach((c) => correct.push(mathAnswerReward(c.text, problems[c.promptIndex].answer, { language: problems[c.promptIndex].language }).score === 1));
      report({ problemsDone: correct.length, problems: chosen.length });
    }
    const byLanguage: Record<string, LanguageEvaluation> = {};
    for (const language of languages) {
      const of = chosen.map((p, i) => (p.language === language ? correct[i] : undefined)).filter((c) => c !== undefined);
      byLanguage[language] = { problems: of.length, accuracy: of.filter(Boolean).length / Math.max(of.length, 1) };
    }
    return { checkpoint: input.checkpoint, byLanguage, accuracy: correct.filter(Boolean).length / Math.max(correct.length, 1) };
  });
}
