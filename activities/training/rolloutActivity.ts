import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { generate } from '../../engine/infer';
import { ByteTokenizer } from '../../engine/tokenizer';
import { selectBatch } from '../../training/batchSelection';
import { hintSizeOf, renderPrompt, type HintUnit, type TrainingProblem } from '../../training/trainingProblems';
import { runChunked, samplesIn, type ChunkedResult } from '../chunkedWork';
import { outputKey } from '../committedOutput';
import { engineFor } from '../sharedEngine';
import { splitPools, type TrainingContext } from './trainingContext';


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
  /** Share of the reference solution revealed as a hint, per language (absent: no hint). */
  hintFractions: Record<string, number>;
  /** What a hint reveals whole numbers of (LANG's `hintUnit`); absent: steps. */
  hintUnit?: HintUnit;
}

/** One sampled completion; the samples of a prompt (its group) are consecutive. */
export interface RolloutSample {
  slot: number;
  sampleIndex: number;
  problemId: string;
  language: string;
  /** Reference steps (or words, by the input's hintUnit) shown as the prompt's hint. */
  hintSize: number;
  prompt: string;
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

const tokenizer = new ByteTokenizer();

/**
 * Samples groupSize completions for each prompt of step k's batch, in chunks of `chunkPrompts` prompts. Each chunk
 * is committed before the heartbeat that reports it, and its random streams are keyed by (seed, step, slot), so a
 * retried rollout resumes at the next chunk and produces the same bytes.
 */
export async function rollout(ctx: TrainingContext, input: RolloutInput): Promise<RolloutResult> {
  const key = outputKey('rollout', input);
  const pool = promptPool(splitPools(await ctx.problems(input.datasetId)).train, input.maxPromptTokens);
  const batch = selectBatch(input.seed, input.step, pool.length, input.promptsPerStep).map((index) => pool[index]);
  const chunkCount = Math.ceil(batch.length / input.chunkPrompts);
  return runChunked<RolloutSummary>(
    {
      store: ctx.store,
      manifestKey: `${key}.json`,
      chunkKey: (index) => `${key}/chunk-${String(index).padStart(5, '0')}.json`,
      chunkCount,
      computeChunk: async (index) => {
        const first = index * input.chunkPrompts;
        const samples = await sampleChunk(ctx, input, batch.slice(first, first + input.chunkPrompts), first);
        return Buffer.from(canonicalJson({ samples }));
      },
      summarise: async (chunks) => {
        const samples = samplesIn<RolloutSample>(await Promise.all(chunks.map((c) => ctx.store.getBlob(c))));
        return {
          samples: samples.length,
          completionTokens: samples.reduce((n, s) => n + s.tokens.length, 0),
          hintedPrompts: batch.filter((p) => hintSizeOf(p, input.hintFractions[p.language] ?? 0, input.hintUnit) > 0).length,
        };
      },
    },
    { activity: 'rollout', input },
  );
}

async function sampleChunk(ctx: TrainingContext, input: RolloutInput, problems: TrainingProblem[], firstSlot: number): Promise<RolloutSample[]> {
  const { config, weights } = await ctx.policies.weights(input.checkpoint);
  const prompts = problems.map((problem) => {
    const hintSize = hintSizeOf(problem, input.hintFractions[problem.language] ?? 0, input.hintUnit);
    return { problem, hintSize, text: renderPrompt(problem, hintSize, input.hintUnit) };
  });
  const completions = await generate({ runner: engineFor(input.threads), config, weights }, tokenizer, {
    prompts: prompts.map((p) => tokenizer.encode(p.text, { bos: true })),
    promptKeys: prompts.map((_, i) => firstSlot + i),
    samplesPerPrompt: input.groupSize,
    seed: `${input.seed}/rollout/${input.step}`,
    maxTokens: input.maxTokens,
    temperature: input.temperature,
  });
  return completions.map((c) => {
    const { problem, hintSize, text } = prompts[c.promptIndex];
    return {
      slot: firstSlot + c.promptIndex,
      sampleIndex: c.sampleIndex,
      problemId: problem.id,
      language: problem.language,
      hintSize,
      prompt: text,
      tokens: c.tokens,
      // float32 log-probs, rounded through Math.fround so the JSON holds exactly what the update will feed.
      logProbs: c.logProbs.map((lp) => Math.fround(lp)),
      text: c.text,
      finishReason: c.finishReason,
    };
  });
}

/** Training problems whose prompt, with every hint step shown, fits maxPromptTokens (bos included). */
export function promptPool(train: readonly TrainingProblem[], maxPromptTokens: number): TrainingProblem[] {
  const pool = train.filter((p) => tokenizer.encode(renderPrompt(p, p.steps.length), { bos: true }).length <= maxPromptTokens);
  if (pool.length === 0) throw new InputError(`no training problem's prompt fits maxPromptTokens = ${maxPromptTokens}; raise it`);
  return pool;
}
