import '../helpers/shareTypedArraysWithOrt';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { generate } from '../../engine/infer';
import { importHuggingFace } from '../../engine/io';
import { Engine } from '../../engine/runtime';
import type { ServedModel } from '../../serve/generation';
import { loadServedModel } from '../../serve/servedModel';
import type { RunningServer } from '../../serve/server';
import { commitCheckpoint } from '../../training/checkpointStore';
import { serveWithClient } from '../helpers/servedClient';
import { tempStore } from '../helpers/temporalTestKit';

/*
 * drl serve of imported Hugging Face checkpoints (random fixtures: byte-level BPE with ChatML, SentencePiece with
 * byte fallback and Llama 2's template), through the official openai client: prompts through the checkpoint's own
 * tokenizer and chat template, answers ended by its end-of-turn token, log-prob tokens and bytes of its vocabulary.
 */
const producedBy = { commit: 'test', lockfileHash: 'test', ortVersion: '1.30.0', threads: 1 };
const MAX_TOKENS = 24;

describe.each(['qwen3', 'llama'])('drl serve of the imported %s fixture', (fixture) => {
  const { dir, store } = tempStore(`serve-${fixture}`);
  const engine = new Engine({ threads: 1 });
  const expected = JSON.parse(readFileSync(join('test', 'fixtures', 'hf', fixture, 'expected.json'), 'utf8')) as { messages: Array<{ role: 'system' | 'user'; content: string }>; chatWithGenerationPrompt: string };
  let served: ServedModel;
  let server: RunningServer;
  let client: OpenAI;
  let id: string;

  beforeAll(async () => {
    // The fixture with room for a templated prompt and an answer (RoPE has no learned positions).
    const folder = join(dir, fixture);
    cpSync(join('test', 'fixtures', 'hf', fixture), folder, { recursive: true });
    const configFile = join(folder, 'config.json');
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), max_position_embeddings: 256 }));
    const imported = await importHuggingFace(store, folder, producedBy);
    id = await commitCheckpoint(store, imported.manifest);
    served = await loadServedModel(id, engine, store);
    ({ server, client } = await serveWithClient(served));
  });
  afterAll(async () => {
    await server?.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a chat request is rendered with the checkpoint's template and answered as the sampler answers", async () => {
    const messages = expected.messages.slice(1, 2);
    const res = await client.chat.completions.create({ model: id, messages, temperature: 0, max_tokens: MAX_TOKENS, logprobs: true, top_logprobs: 2 });
    // transformers' rendering of the same turn, tokenized: what the server fed.
    const promptIds = served.tokenizer.encode(expected.chatWithGenerationPrompt);
    expect(res.usage?.prompt_tokens).toBe(promptIds.length);
    const [sampled] = await generate(served.model, served.tokenizer, { prompts: [promptIds], seed: 0, maxTokens: MAX_TOKENS, temperature: 0, stopTokens: served.stopTokens });
    expect(sampled.tokens.length).toBeGreaterThan(3); // an answer of several tokens, not an immediate end of turn
    expect(res.choices[0].message.content).toBe(sampled.text);
    expect(res.choices[0].finish_reason).toBe(sampled.finishReason === 'length' ? 'length' : 'stop');
    // The log-prob tokens are the answer's, byte for byte.
    const content = res.choices[0].logprobs?.content ?? [];
    expect(Buffer.from(content.flatMap((t) => t.bytes ?? [])).toString('utf8')).toBe(sampled.text);
    expect(content.every((t) => t.top_logprobs.length === 2)).toBe(true);
  });

  test('a streamed chat adds up to the unstreamed answer', async () => {
    const messages = expected.messages.slice(1, 2);
    const whole = await client.chat.completions.create({ model: id, messages, temperature: 0, max_tokens: MAX_TOKENS });
    const stream = await client.chat.completions.create({ model: id, messages, temperature: 0, max_tokens: MAX_TOKENS, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(whole.choices[0].message.content);
  });

  test('a completion prompt is bos (where the tokenizer has one) and its tokens', async () => {
    const prompt = 'The quick brown fox.';
    const res = await client.completions.create({ model: id, prompt, temperature: 0, max_tokens: 4 });
    expect(res.usage?.prompt_tokens).toBe(served.tokenizer.encode(prompt, { bos: true }).length);
  });
});
