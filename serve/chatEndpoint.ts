import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { badParam } from './apiError';
import { parseChatMessages } from './chatTemplate';
import { ServedModel, runGeneration, usage } from './generation';
import type { GenerationQueue } from './generationQueue';
import { sendJson, streamChunks } from './httpReplies';
import { Body, MAX_TOP_LOGPROBS, SamplingParams, booleanField, integerField, samplingParams, templateVariablesField } from './requestParams';
import type { TokenEntry } from './rowTrack';
import { chatPromptIds } from './promptIds';
import type { TokenText } from './tokenText';

/** POST /v1/chat/completions: the messages rendered as a prompt (promptIds.ts), one assistant turn sampled. */
export async function chatCompletions(served: ServedModel, queue: GenerationQueue, body: Body, res: ServerResponse): Promise<void> {
  const limit = served.model.config.maxSeqLen;
  const wantLogprobs = booleanField(body, 'logprobs');
  const topLogprobs = integerField(body, 'top_logprobs', 0, MAX_TOP_LOGPROBS);
  if (topLogprobs !== undefined && !wantLogprobs) throw badParam('top_logprobs', 'requires logprobs to be true');
  const params: SamplingParams = {
    ...samplingParams(body, ['response_format']),
    maxTokens: integerField(body, 'max_completion_tokens', 1, limit) ?? integerField(body, 'max_tokens', 1, limit),
    topLogprobs: wantLogprobs ? topLogprobs ?? 0 : null,
  };
  const prompt = chatPromptIds(served, parseChatMessages(body.messages), templateVariablesField(body));
  const head = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: served.id, system_fingerprint: null };
  const logprobs = (entries: TokenEntry[]) => (params.topLogprobs === null ? null : { content: entries.map((e) => entryLogprob(e, served.tokenText)), refusal: null });

  if (!params.stream) {
    const { choices, promptTokens, completionTokens } = await runGeneration(served, queue, [prompt], params);
    sendJson(res, 200, {
      ...head,
      object: 'chat.completion',
      choices: choices.map((c) => ({
        index: c.index,
        message: { role: 'assistant', content: c.text, refusal: null },
        logprobs: logprobs(c.entries),
        finish_reason: c.finishReason,
      })),
      usage: usage(promptTokens, completionTokens),
    });
    return;
  }
  const chunk = (choices: unknown[], extra: object = {}) => ({ ...head, object: 'chat.completion.chunk', choices, ...extra });
  // OpenAI opens every choice with its role before any content.
  const opening = Array.from({ length: params.n }, (_, index) => chunk([{ index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]));
  await streamChunks(res, opening, async (send) => {
    const { promptTokens, completionTokens } = await runGeneration(served, queue, [prompt], params, (index, delta, finishReason) => {
      if (delta.text || delta.entries.length) send(chunk([{ index, delta: { content: delta.text }, logprobs: logprobs(delta.entries), finish_reason: null }]));
      if (finishReason) send(chunk([{ index, delta: {}, logprobs: null, finish_reason: finishReason }]));
    });
    return params.includeUsage ? [chunk([], { usage: usage(promptTokens, completionTokens) })] : [];
  });
}

function entryLogprob(e: TokenEntry, text: TokenText) {
  return {
    token: text.string(e.token),
    logprob: e.logprob,
    bytes: text.bytes(e.token),
    top_logprobs: e.top.map((t) => ({ token: text.string(t.token), logprob: t.logprob, bytes: text.bytes(t.token) })),
  };
}
