import { canonicalJson } from '../../core/canonicalJson';
import { generate } from '../../engine/infer';
import { methodNamed } from '../../recipes/methods';
import { selectBatch } from '../../training/batchSelection';
import { promptTokens, type Episode, type PromptRendering } from '../../training/tasks';
import { chunkedKeys, runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import { promptRenderingOf, type PromptSettings } from './promptRendering';
import type { TaskDataset, TrainingContext } from './trainingContext';

export interface RolloutInput {
  datasetId: string;
  checkpoint: string;
  step: number;
  seed: number | string;
  promptsPerStep: number;
  groupSize: number;
  maxTokens: number;
  maxPromptTokens: number;
  chunkPrompts: number;
  temperature: number;
  threads: number;
  method: string;
  /** What the method's schedule says for this step (LANG: the hint fraction per language). */
  methodParameters: Record<string, unknown>;
  /** The run's `prompts` section; absent: the checkpoint's chat template where it has one. */
  prompts?: PromptSettings;
}

/** One sampled completion; the samples of a prompt (its group) are consecutive. */
export interface RolloutSample {
  slot: number;
  sampleIndex: number;
  problemId: string;
  language: string;
  /** The hint the method showed in the prompt (LANG), or "". */
  hint: string;
  prompt: string;
  /** The prompt as the policy read it, which the update trains on (absent in rollouts stored before it was kept). */
  promptTokens?: number[];
  tokens: number[];
  logProbs: number[];
  text: string;
  finishReason: string;
}

export interface RolloutSummary {
  samples: number;
  completionTokens: number;
  hintedPrompts: number;
}

export type RolloutResult = ChunkedResult<RolloutSummary>;

/**
 * Samples groupSize completions for each prompt of step k's batch, in chunks of `chunkPrompts` prompts. Each chunk
 * is committed before the heartbeat that reports it, and its random streams are keyed by (seed, step, slot), so a
 * retried rollout resumes at the next chunk and produces the same bytes.
 */
export async function rollout(ctx: TrainingContext, input: RolloutInput): Promise<RolloutResult> {
  const key = outputKey('rollout', input);
  const dataset = await ctx.dataset(input.datasetId);
  const method = methodNamed(input.method);
  const rendering = await promptRenderingOf(ctx, input.checkpoint, input.prompts);
  const pool = ctx.trainingPool(dataset, input.method, rendering, input.maxPromptTokens);
  const batch = selectBatch(input.seed, input.step, pool.length, input.promptsPerStep).map((index) => pool[index]);
  const prompts = batch.map((episode) => ({ episode, options: method.promptOptions?.(episode, input.methodParameters) ?? {} }));
  const chunkCount = Math.ceil(batch.length / input.chunkPrompts);
  return runChunked<RolloutSummary>(
    {
      store: ctx.store,
      ...chunkedKeys(key),
      chunkCount,
      computeChunk: async (index) => {
        const first = index * input.chunkPrompts;
        const samples = await sampleChunk(ctx, dataset, input, rendering, prompts.slice(first, first + input.chunkPrompts), first);
        return Buffer.from(canonicalJson({ samples }));
      },
      summarise: async (chunks) => {
        const samples = samplesIn<RolloutSample>(await Promise.all(chunks.map((c) => ctx.store.getBlob(c))));
        return {
          samples: samples.length,
          completionTokens: samples.reduce((n, s) => n + s.tokens.length, 0),
          hintedPrompts: prompts.filter((p) => p.options.hint).length,
        };
      },
    },
    { activity: 'rollout', input },
  );
}

async function sampleChunk(ctx: TrainingContext, dataset: TaskDataset, input: RolloutInput, rendering: PromptRendering & { stopTokens: number[] }, chunk: Array<{ episode: Episode; options: { hint?: string } }>, firstSlot: number): Promise<RolloutSample[]> {
  const { config, weights } = await ctx.policies.weights(input.checkpoint);
  const prompts = chunk.map(({ episode, options }) => ({ episode, hint: options.hint ?? '', text: dataset.task.prompt(episode, options), tokens: promptTokens(dataset.task, episode, rendering, options) }));
  const completions = await generate({ runner: engineFor(input.threads), config, weights }, rendering.tokenizer, {
    prompts: prompts.map((p) => p.tokens),
    promptKeys: prompts.map((_, i) => firstSlot + i),
    samplesPerPrompt: input.groupSize,
    seed: `${input.seed}/rollout/${input.step}`,
    maxTokens: input.maxTokens,
    temperature: input.temperature,
    stopTokens: rendering.stopTokens,
  });
  return completions.map((c) => {
    const { episode, hint, text, tokens } = prompts[c.promptIndex];
    return {
      slot: firstSlot + c.promptIndex,
      sampleIndex: c.sampleIndex,
      problemId: episode.id,
      language: episode.language,
      hint,
      prompt: text,
      promptTokens: tokens,
      tokens: c.tokens,
      // float32 log-probs, rounded through Math.fround so the JSON holds exactly what the update will feed.
      logProbs: c.logProbs.map((lp) => Math.fround(lp)),
      text: c.text,
      finishReason: c.finishReason,
    };
  });
}
