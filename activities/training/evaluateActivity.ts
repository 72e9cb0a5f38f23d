import { generate } from '../../engine/infer';
import { canonicalJson } from '../../core/canonicalJson';
import { methodNamed } from '../../recipes/methods';
import type { BlobRef } from '../../store/artifactStore';
import { promptTokens, type Episode } from '../../training/tasks';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
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
  /** Means of the task's further measures (EpisodeGrade.metrics); absent where it has none. */
  metrics?: Record<string, number>;
  /** Each of the task's evaluation views (Task.views): its accuracy and measures. */
  views?: Record<string, { accuracy: number; metrics?: Record<string, number> }>;
}

/** How a problem fared in one of the task's views. */
export interface ViewGrade {
  correct: boolean;
  metrics?: Record<string, number>;
  completion: string;
}

/** One evaluated problem, for paired comparisons between checkpoints (same problems, same order). */
export interface GradedProblem {
  id: string;
  language: string;
  correct: boolean;
  consistency: number | null;
  completion: string;
  metrics?: Record<string, number>;
  views?: Record<string, ViewGrade>;
  /** The task's labels of the problem (Task.breakdown), which comparisons also group by. */
  breakdown?: Record<string, string>;
}

export interface EvaluationResult {
  checkpoint: string;
  byLanguage: Record<string, LanguageEvaluation>;
  accuracy: number;
  /** JSONL of GradedProblem, in evaluation order. */
  problems: BlobRef;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}

/** The mean of every measure over the problems that have it; undefined when none has any. */
function meanMetrics(all: ReadonlyArray<Record<string, number> | undefined>): Record<string, number> | undefined {
  const names = [...new Set(all.flatMap((m) => Object.keys(m ?? {})))].sort();
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((name) => [name, mean(all.flatMap((m) => (m?.[name] === undefined ? [] : [m[name]])))]));
}

/** The `evaluate` activity: heartbeats its progress after every chunk, and every 2 s while a chunk computes. */
export function evaluate(ctx: TrainingContext, input: EvaluateInput): Promise<EvaluationResult> {
  return heartbeatingWhile<{ problemsDone: number; problems: number } | undefined, EvaluationResult>(undefined, (report) => evaluateCheckpoint(ctx, input, report));
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
    /** The greedy completion of each problem's prompt (or its `view`), in the problems' order. */
    const greedy = async (problems: Episode[], view?: string): Promise<string[]> => {
      const completions = await generate(model, rendering.tokenizer, {
        prompts: problems.map((p) => promptTokens(task, p, rendering, view === undefined ? undefined : { view })),
        seed: 'evaluate',
        maxTokens: input.maxTokens,
        temperature: 0,
        stopTokens: rendering.stopTokens,
      });
      const texts = new Array<string>(problems.length);
      for (const c of completions) texts[c.promptIndex] = c.text;
      return texts;
    };
    for (let first = 0; first < chosen.length; first += input.chunkPrompts) {
      const problems = chosen.slice(first, first + input.chunkPrompts);
      const texts = await greedy(problems);
      const views: Record<string, string[]> = {};
      for (const view of task.views ?? []) views[view] = await greedy(problems, view);
      problems.forEach((episode, i) => {
        const viewGrades = Object.entries(views).map(([view, completions]): [string, ViewGrade] => {
          const { correct, metrics } = task.evaluate(episode, completions[i], view);
          return [view, { correct, ...(metrics ? { metrics } : {}), completion: completions[i] }];
        });
        const breakdown = task.breakdown?.(episode);
        graded.push({
          id: episode.id,
          language: episode.language,
          ...task.evaluate(episode, texts[i]),
          completion: texts[i],
          ...(viewGrades.length > 0 ? { views: Object.fromEntries(viewGrades) } : {}),
          ...(breakdown ? { breakdown } : {}),
        });
      });
      report({ problemsDone: graded.length, problems: chosen.length });
    }
    const byLanguage: Record<string, LanguageEvaluation> = {};
    for (const language of languages) {
      const of = graded.filter((g) => g.language === language);
      const consistency = of.flatMap((g) => (g.consistency === null ? [] : [g.consistency]));
      const metrics = meanMetrics(of.map((g) => g.metrics));
      const views = Object.fromEntries(
        (task.views ?? []).map((view) => {
          const grades = of.map((g) => g.views![view]);
          const viewMetrics = meanMetrics(grades.map((g) => g.metrics));
          return [view, { accuracy: mean(grades.map((g) => Number(g.correct))), ...(viewMetrics ? { metrics: viewMetrics } : {}) }];
        }),
      );
      byLanguage[language] = {
        problems: of.length,
        accuracy: mean(of.map((g) => Number(g.correct))),
        consistency: consistency.length > 0 ? mean(consistency) : null,
        ...(metrics ? { metrics } : {}),
        ...(task.views?.length ? { views } : {}),
      };
    }
    const problems = await ctx.store.putBlob(Buffer.from(graded.map((g) => `${canonicalJson(g)}\n`).join('')));
    return { checkpoint: input.checkpoint, byLanguage, accuracy: mean(graded.map((g) => Number(g.correct))), problems };
  });
}

