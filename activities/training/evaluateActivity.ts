import { Context } from '@temporalio/activity';
import { generate } from '../../engine/infer';
import { canonicalJson } from '../../core/canonicalJson';
import { methodNamed } from '../../recipes/methods';
import type { BlobRef } from '../../store/artifactStore';
import { promptTokens } from '../../training/tasks';
import { committedOutput } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import { promptFit } from './promptFit';
import { promptRenderingOf, type PromptSettings } from './promptRendering';
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
  /** The run's method: an evaluation keeps the problems whose largest training prompt fits, as the run trains on. */
  method: string;
  /** The run's `prompts` section; absent: the checkpoint's chat template where it has one. */
  prompts?: PromptSettings;
}

export interface LanguageEvaluation {
  problems: number;
  /** Hint-free accuracy with greedy decoding (the task's judgement of a completion). */
  accuracy: number;
  /** Mean share of the completions in the problem's language; null where the language cannot be identified. */
  consistency: number | null;
}

/** One evaluated problem, for paired comparisons between checkpoints (same problems, same order). */
export interface GradedProblem {
  id: string;
  language: string;
  correct: boolean;
  consistency: number | null;
  completion: string;
}

export interface EvaluationResult {
  checkpoint: string;
  byLanguage: Record<string, LanguageEvaluation>;
  accuracy: number;
  /** JSONL of GradedProblem, in evaluation order. */
  problems: BlobRef;
}

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
    const { task, episodes } = await ctx.dataset(input.datasetId);
    const { eval: held } = splitPools(episodes);
    const rendering = await promptRenderingOf(ctx, input.checkpoint, input.prompts);
    const { fitting } = promptFit(task, methodNamed(input.method), held, rendering, input.maxPromptTokens);
    const languages = [...new Set(fitting.map((p) => p.language))].sort();
    const chosen = languages.flatMap((language) => fitting.filter((p) => p.language === language).slice(0, input.problems));
    const { config, weights } = await ctx.policies.weights(input.checkpoint);
    // The weights stay fixed for the whole evaluation, so its graphs carry them as initializers (ORT pre-packs them);
    // a copy of the map, because the cached state's own map changes with the next update.
    const model = { runner: engineFor(input.threads), config, weights: new Map(weights), fixedWeights: true };
    const graded: GradedProblem[] = [];
    for (let first = 0; first < chosen.length; first += input.chunkPrompts) {
      const problems = chosen.slice(first, first + input.chunkPrompts);
      const completions = await generate(model, rendering.tokenizer, {
        prompts: problems.map((p) => promptTokens(task, p, rendering)),
        seed: 'evaluate',
        maxTokens: input.maxTokens,
        temperature: 0,
        stopTokens: rendering.stopTokens,
      });
      for (const c of completions) {
        const episode = problems[c.promptIndex];
        graded.push({ id: episode.id, language: episode.language, ...task.evaluate(episode, c.text), completion: c.text });
      }
      report({ problemsDone: graded.length, problems: chosen.length });
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
    const byLanguage: Record<string, LanguageEvaluation> = {};
    for (const language of languages) {
      const of = graded.filter((g) => g.language === language);
      const consistency = of.flatMap((g) => (g.consistency === null ? [] : [g.consistency]));
      byLanguage[language] = { problems: of.length, accuracy: mean(of.map((g) => Number(g.correct))), consistency: consistency.length > 0 ? mean(consistency) : null };
    }
    const problems = await ctx.store.putBlob(Buffer.from(graded.map((g) => `${canonicalJson(g)}\n`).join('')));
    return { checkpoint: input.checkpoint, byLanguage, accuracy: mean(graded.map((g) => Number(g.correct))), problems };
  });
}

