import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { CachedBatch } from './cachedBatch';
import type { InferenceModel } from './inferenceModel';
import { SamplingOptions, chooseToken, logSoftmax } from './tokenChoice';

/** What the sampler needs of a tokenizer (ByteTokenizer has it). */
export interface TextTokenizer {
  eos: number;
  pad: number;
  decode(ids: readonly number[]): string;
}

export interface GenerateRequest extends Partial<SamplingOptions> {
  prompts: ReadonlyArray<readonly number[]>;
  /**
   * Stable identity of each prompt for its random stream (default: its index). With stable keys a prompt samples the
   * same completions whichever prompts share its batch.
   */
  promptKeys?: ReadonlyArray<string | number>;
  samplesPerPrompt?: number;
  seed: number | string;
  maxTokens: number;
  /** Generation of a row ends once its text contains one of these. */
  stop?: readonly string[];
  /** Token ids that end a row as eos does (a chat model's end-of-turn tokens); eos always does. */
  stopTokens?: readonly number[];
  /** Sees each sampled token as it is drawn, with the distribution it came from (log-probs as in Completion), e.g. to stream. */
  onToken?: (completion: Completion, logProbs: Float64Array) => void;
}

export interface Completion {
  promptIndex: number;
  sampleIndex: number;
  /** Every sampled token, including a final eos or the tokens of a stop string. */
  tokens: number[];
  /** log p(token) under softmax(logits / temperature) before top-k/top-p (temperature 1 when greedy). */
  logProbs: number[];
  /** Decoded tokens, cut before the stop string when one matched. */
  text: string;
  finishReason: 'eos' | 'stop' | 'length';
}

interface RowState {
  completion: Completion;
  rng: Rng;
  promptLength: number;
  done: boolean;
}

/**
 * Batched sampling with a KV cache (CachedBatch): one prefill over the left-padded prompts, then one decode step per
 * token for all rows, each reading the cache in place and returning only its new keys and values.
 */
export async function generate(model: InferenceModel, tokenizer: TextTokenizer, request: GenerateRequest): Promise<Completion[]> {
  const options: SamplingOptions = { temperature: request.temperature ?? 1, topK: request.topK ?? 0, topP: request.topP ?? 1 };
  checkRequest(model, request, options);
  const samples = request.samplesPerPrompt ?? 1;
  const rows: RowState[] = request.prompts.flatMap((prompt, promptIndex) =>
    Array.from({ length: samples }, (_, sampleIndex) => ({
      completion: { promptIndex, sampleIndex, tokens: [], logProbs: [], text: '', finishReason: 'length' as const },
      rng: Rng.derive(request.seed, 'sample', request.promptKeys?.[promptIndex] ?? promptIndex, sampleIndex),
      promptLength: prompt.length,
      done: false,
    })),
  );
  const batch = await CachedBatch.prefill(model, rows.map((r) => request.prompts[r.completion.promptIndex]), tokenizer.pad);
  const stopWindow = Math.max(0, ...(request.stop ?? []).map((s) => new TextEncoder().encode(s).length)) + 3;
  try {
    for (let step = 0; step < request.maxTokens; step++) {
      rows.forEach((row, r) => {
        if (!row.done) sampleInto(row, batch.logits(r), options, tokenizer, request, stopWindow);
      });
      if (rows.every((row) => row.done) || step === request.maxTokens - 1) break;
      // Finished rows take no token: rows never attend to each other, so the others are unchanged.
      await batch.extend(rows.map((row) => (row.done ? [] : [row.completion.tokens[step]])));
    }
  } finally {
    await batch.close();
  }
  for (const row of rows) if (row.completion.finishReason !== 'stop') row.completion.text = tokenizer.decode(row.completion.tokens);
  return rows.map((r) => r.completion);
}

function checkRequest(model: InferenceModel, request: GenerateRequest, options: SamplingOptions): void {
  const fail = (why: string): never => {
    throw new InputError(`generate: ${why}`);
  };
  if (request.prompts.length === 0) fail('no prompts');
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) fail(`maxTokens must be a positive integer, got ${request.maxTokens}`);
  const samples = request.samplesPerPrompt ?? 1;
  if (!Number.isInteger(samples) || samples < 1) fail(`samplesPerPrompt must be a positive integer, got ${samples}`);
  if (!(options.temperature >= 0)) fail(`temperature must be >= 0, got ${options.temperature}`);
  if (!(options.topP > 0 && options.topP <= 1)) fail(`topP must be in (0, 1], got ${options.topP}`);
  if (!Number.isInteger(options.topK) || options.topK < 0) fail(`topK must be a non-negative integer, got ${options.topK}`);
  if (request.promptKeys && request.promptKeys.length !== request.prompts.length) fail(`${request.promptKeys.length} prompt keys for ${request.prompts.length} prompts`);
  if (request.stop?.some((s) => s.length === 0)) fail('stop strings must not be empty');
  request.prompts.forEach((p, i) => {
    if (p.length + request.maxTokens > model.config.maxSeqLen) fail(`prompt ${i} (${p.length} tokens) plus maxTokens ${request.maxTokens} exceeds maxSeqLen ${model.config.maxSeqLen}`);
  });
}

function sampleInto(row: RowState, logits: ArrayLike<number>, options: SamplingOptions, tokenizer: TextTokenizer, request: GenerateRequest, stopWindow: number): void {
  const logProbs = logSoftmax(logits, options.temperature === 0 ? 1 : options.temperature);
  const token = chooseToken(logProbs, options, row.rng);
  const c = row.completion;
  c.tokens.push(token);
  c.logProbs.push(logProbs[token]);
  request.onToken?.(c, logProbs);
  if (token === tokenizer.eos || request.stopTokens?.includes(token)) {
    c.finishReason = 'eos';
    row.done = true;
    return;
  }
  if (!request.stop?.length) return;
  // A stop string can only complete within the last few tokens (a token is at least one byte), so decode those.
  const tail = tokenizer.decode(c.tokens.slice(-stopWindow));
  if (request.stop.some((s) => tail.includes(s))) {
    const text = tokenizer.decode(c.tokens);
    c.text = text.slice(0, Math.min(...request.stop.map((s) => text.indexOf(s)).filter((i) => i >= 0)));
    c.finishReason = 'stop';
    row.done = true;
  }
}
