import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { badParam } from './apiError';
import { Choice, ServedModel, runGeneration, usage } from './generation';
import type { GenerationQueue } from './generationQueue';
import { sendJson, streamChunks } from './httpReplies';
import { Body, MAX_TOP_LOGPROBS, SamplingParams, integerField, samplingParams } from './requestParams';
import type { TokenEntry } from './rowTrack';
import { completionPromptIds } from './promptIds';
import type { TokenText } from './tokenText';

/** OpenAI's default max_tokens for /v1/completions. */
const DEFAULT_MAX_TOKENS = 16;

/** POST /v1/completions: a prompt string or a list of them; echo and suffix are refused. */
export async function completions(served: ServedModel, queue: GenerationQueue, body: Body, res: ServerResponse): Promise<void> {
  const params: SamplingParams = {
    ...samplingParams(body, ['echo', 'suffix', 'best_of']),
    maxTokens: integerField(body, 'max_tokens', 1, served.model.config.maxSeqLen) ?? DEFAULT_MAX_TOKENS,
    topLogprobs: integerField(body, 'logprobs', 0, MAX_TOP_LOGPROBS) ?? null,
  };
  const prompts = promptList(body.prompt).map((p) => completionPromptIds(served, p));
  const head = { id: `cmpl-${randomUUID()}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: served.id };
  const logprobs = (entries: TokenEntry[], offset: number) => (params.topLogprobs === null ? null : completionLogprobs(entries, offset, served.tokenText));

  if (!params.stream) {
    const { choices, promptTokens, completionTokens } = await runGeneration(served, queue, prompts, params);
    sendJson(res, 200, {
      ...head,
      choices: choices.map((c: Choice) => ({ index: c.index, text: c.text, logprobs: logprobs(c.entries, 0), finish_reason: c.finishReason })),
      usage: usage(promptTokens, completionTokens),
    });
    return;
  }
  const sentChars = new Map<number, number>();
  await streamChunks(res, [], async (send) => {
    const { promptTokens, completionTokens } = await runGeneration(served, queue, prompts, params, (index, delta, finishReason) => {
      const offset = sentChars.get(index) ?? 0;
      sentChars.set(index, offset + delta.text.length);
      send({ ...head, choices: [{ index, text: delta.text, logprobs: logprobs(delta.entries, offset), finish_reason: finishReason }] });
    });
    return params.includeUsage ? [{ ...head, choices: [], usage: usage(promptTokens, completionTokens) }] : [];
  });
}

function promptList(prompt: unknown): string[] {
  if (typeof prompt === 'string') return [prompt];
  if (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p) => typeof p === 'string')) return prompt;
  throw badParam('prompt', 'expected a string or a non-empty list of strings', prompt === undefined ? 'missing_required_parameter' : 'invalid_type');
}

/** The legacy log-probs object; `offset` is where the first token's text starts in the choice's text. */
function completionLogprobs(entries: TokenEntry[], offset: number, text: TokenText) {
  const textOffset: number[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (const e of entries) {
    textOffset.push(at);
    const bytes = text.bytes(e.token);
    at += bytes ? decoder.decode(Uint8Array.from(bytes), { stream: true }).length : 0;
  }
  return {
    tokens: entries.map((e) => text.string(e.token)),
    token_logprobs: entries.map((e) => e.logprob),
    top_logprobs: entries.map((e) => Object.fromEntries(e.top.map((t) => [text.string(t.token), t.logprob]))),
    text_offset: textOffset,
  };
}
