import { Completion, InferenceModel, generate } from '../engine/infer';
import type { ChatTemplate, Tokenizer } from '../engine/tokenizer';
import { ApiError } from './apiError';
import type { GenerationQueue } from './generationQueue';
import type { SamplingParams } from './requestParams';
import { Delta, RowTrack, TokenEntry } from './rowTrack';
import type { TokenText } from './tokenText';

/** Rows of one batch (prompts times n): bounds the prefill logits, rows x length x vocabulary floats. */
const MAX_BATCH_ROWS = 128;

/** A checkpoint ready to answer requests under the id that /v1/models lists. */
export interface ServedModel {
  id: string;
  /** Names a request's `model` may use: the id, the manifest key, the reference the server was started with. */
  aliases: ReadonlySet<string>;
  /** Unix seconds, for /v1/models. */
  created: number;
  model: InferenceModel;
  /** The checkpoint's own: the byte tokenizer for a named size, the imported model's tokenizer.json for another. */
  tokenizer: Tokenizer;
  /** An imported model's chat template, which chat requests are rendered with; absent: renderChat (chatTemplate.ts). */
  chatTemplate?: ChatTemplate;
  /** Ids that end an answer: eos and the model's end-of-turn tokens. */
  stopTokens: readonly number[];
  tokenText: TokenText;
}

export interface Choice {
  /** promptIndex * n + sampleIndex, as OpenAI numbers the choices of a list of prompts. */
  index: number;
  text: string;
  finishReason: 'stop' | 'length';
  /** The tokens of `text` (no eos, no stop-string tokens). */
  entries: TokenEntry[];
  /** Every sampled token, eos and stop-string tokens included: what the request cost. */
  sampledTokens: number;
}

export interface Generated {
  choices: Choice[];
  promptTokens: number;
  completionTokens: number;
}

/** Called as tokens become safe to show, and once more per choice with its last part and finish reason. */
export type DeltaListener = (index: number, delta: Delta, finishReason: Choice['finishReason'] | null) => void;

/**
 * Samples `params.n` completions of each prompt (token ids, see promptIds.ts) in one batch through the queue.
 * Log-probs follow the sampler: log softmax(logits / temperature) before top-k/top-p, temperature 1 when greedy.
 */
export async function runGeneration(served: ServedModel, queue: GenerationQueue, promptIds: readonly number[][], params: SamplingParams, onDelta?: DeltaListener): Promise<Generated> {
  const { model, tokenizer, stopTokens } = served;
  const maxTokens = checkContext(model, promptIds, params.maxTokens, params.n);
  const decode = (ids: readonly number[]) => tokenizer.decode(ids);
  const tracks = promptIds.flatMap(() => Array.from({ length: params.n }, () => new RowTrack(params.stop, decode)));
  const onToken = (c: Completion, logProbs: Float64Array) => {
    const token = c.tokens[c.tokens.length - 1];
    if (stopTokens.includes(token)) return;
    const index = c.promptIndex * params.n + c.sampleIndex;
    tracks[index].add({ token, logprob: c.logProbs[c.tokens.length - 1], top: params.topLogprobs ? mostLikely(logProbs, params.topLogprobs) : [] }, !tokenizer.isSpecial(token));
    if (onDelta) {
      const delta = tracks[index].release();
      if (delta.text || delta.entries.length) onDelta(index, delta, null);
    }
  };
  const completions = await queue.run(() =>
    generate(model, tokenizer, {
      prompts: promptIds,
      samplesPerPrompt: params.n,
      seed: params.seed,
      maxTokens,
      temperature: params.temperature,
      topP: params.topP,
      topK: params.topK,
      stop: params.stop,
      stopTokens,
      onToken,
    }),
  );
  const choices = completions.map((c, index): Choice => {
    const finishReason = c.finishReason === 'length' ? 'length' : 'stop';
    const rest = tracks[index].finish(c.text);
    onDelta?.(index, rest, finishReason);
    return { index, text: c.text, finishReason, entries: tracks[index].sentEntries, sampledTokens: c.tokens.length };
  });
  return {
    choices,
    promptTokens: promptIds.reduce((sum, p) => sum + p.length, 0),
    completionTokens: choices.reduce((sum, c) => sum + c.sampledTokens, 0),
  };
}

/** OpenAI's usage object. */
export function usage(promptTokens: number, completionTokens: number) {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** max_tokens, defaulting to what the context leaves; a prompt that leaves no room is OpenAI's context_length_exceeded. */
function checkContext(model: InferenceModel, promptIds: readonly number[][], maxTokens: number | undefined, n: number): number {
  const limit = model.config.maxSeqLen;
  const longest = Math.max(...promptIds.map((p) => p.length));
  const wanted = maxTokens ?? limit - longest;
  if (longest + Math.max(wanted, 1) > limit) {
    throw new ApiError(
      400,
      `This model's maximum context length is ${limit} tokens. However, you requested ${longest + wanted} tokens (${longest} in the prompt, ${wanted} for the completion). Please reduce the prompt or max_tokens.`,
      'invalid_request_error',
      maxTokens === undefined ? 'messages' : 'max_tokens',
      'context_length_exceeded',
    );
  }
  if (n * promptIds.length > MAX_BATCH_ROWS) {
    throw new ApiError(400, `n: ${n} samples of each of ${promptIds.length} prompts make more than ${MAX_BATCH_ROWS} rows in one batch`, 'invalid_request_error', 'n', 'invalid_value');
  }
  return wanted;
}

/** The k most likely tokens of one step, most likely first (ties by id, as the sampler orders them). */
function mostLikely(logProbs: Float64Array, k: number): Array<{ token: number; logprob: number }> {
  return Array.from(logProbs.keys())
    .sort((a, b) => logProbs[b] - logProbs[a] || a - b)
    .slice(0, k)
    .map((token) => ({ token, logprob: logProbs[token] }));
}
