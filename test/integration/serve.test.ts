import '../helpers/shareTypedArraysWithOrt';
import { rmSync } from 'node:fs';
import OpenAI from 'openai';
import { scoreCompletions } from '../../engine/infer';
import { Engine } from '../../engine/runtime';
import { renderChat } from '../../serve/chatTemplate';
import type { ServedModel } from '../../serve/generation';
import { loadServedModel } from '../../serve/servedModel';
import type { RunningServer } from '../../serve/server';
import { saveSftCheckpoint } from '../helpers/sftCheckpoint';
import { serveWithClient } from '../helpers/servedClient';
import { tempStore } from '../helpers/temporalTestKit';

/*
 * drl serve through the official openai client, in process: a tiny byte-level model SFT-trained in setup on a few
 * fixed answers (so greedy outputs are known), committed as training runs commit checkpoints, served on a free port.
 */
const ping = renderChat([{ role: 'user', content: 'ping' }]);
const TRAINING = [
  { prompt: '2+3=', completion: '5' },
  { prompt: 'abc', completion: 'defgh' },
  { prompt: 'greek:', completion: 'alpha beta gamma' },
  { prompt: 'accents:', completion: 'café über' },
  { prompt: ping, completion: 'pong' },
];

const { dir, store } = tempStore('serve');
const engine = new Engine({ threads: 1 });
let served: ServedModel;
/** The checkpoint id, which /v1/models lists; the server is started with a prefix of it. */
let KEY: string;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  const { id, losses } = await saveSftCheckpoint(store, { data: TRAINING, steps: 60, batch: 5, lr: 3e-3, seed: 1 });
  expect(losses[losses.length - 1]).toBeLessThan(0.05);
  KEY = id;
  served = await loadServedModel(id.slice(0, 12), engine, store);
  ({ server, client } = await serveWithClient(served));
});

afterAll(async () => {
  await server?.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const greedy = () => ({ model: KEY, temperature: 0 });

describe('drl serve: OpenAI-compatible endpoints', () => {
  test('lists the one model it serves, by its checkpoint id, and answers to the prefix it was started with', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([KEY]);
    expect((await client.models.retrieve(KEY.slice(0, 12))).id).toBe(KEY);
    const res = await client.completions.create({ ...greedy(), model: KEY.slice(0, 12), prompt: '2+3=' });
    expect([res.model, res.choices[0].text]).toEqual([KEY, '5']);
  });

  test('completes a list of prompts, n choices each, numbered prompt-major, with usage', async () => {
    const res = await client.completions.create({ ...greedy(), prompt: ['2+3=', 'abc'], n: 2, max_tokens: 10 });
    expect(res.object).toBe('text_completion');
    expect(res.choices.map((c) => [c.index, c.text, c.finish_reason])).toEqual([
      [0, '5', 'stop'],
      [1, '5', 'stop'],
      [2, 'defgh', 'stop'],
      [3, 'defgh', 'stop'],
    ]);
    // bos + bytes per prompt; completion tokens count the eos each choice ended with.
    expect(res.usage).toEqual({ prompt_tokens: 5 + 4, completion_tokens: 2 * 2 + 2 * 6, total_tokens: 9 + 16 });
  });

  test('stop strings cut the text before them; max_tokens ends with finish_reason length', async () => {
    const stopped = await client.completions.create({ ...greedy(), prompt: 'greek:', stop: [' gam', 'zzz'], max_tokens: 30 });
    expect(stopped.choices[0]).toMatchObject({ text: 'alpha beta', finish_reason: 'stop' });
    const cut = await client.completions.create({ ...greedy(), prompt: 'greek:', max_tokens: 3 });
    expect(cut.choices[0]).toMatchObject({ text: 'alp', finish_reason: 'length' });
  });

  test('a seed repeats the same samples, also with requests running concurrently; another seed differs', async () => {
    const request = { model: KEY, prompt: 'zq', temperature: 1.5, max_tokens: 24, n: 3 };
    const alone = await client.completions.create({ ...request, seed: 7 });
    const together = await Promise.all([7, 8, 7, 9].map((seed) => client.completions.create({ ...request, seed })));
    const texts = (r: OpenAI.Completions.Completion) => r.choices.map((c) => c.text);
    expect(texts(together[0])).toEqual(texts(alone));
    expect(texts(together[2])).toEqual(texts(alone));
    expect(texts(together[1])).not.toEqual(texts(alone));
  });

  test('completion log-probs: the sampled tokens with their alternatives, equal to teacher-forced scoring', async () => {
    const res = await client.completions.create({ ...greedy(), prompt: 'accents:', max_tokens: 20, logprobs: 3 });
    const choice = res.choices[0];
    expect(choice.text).toBe('café über');
    const lp = choice.logprobs!;
    const bytes = [...Buffer.from('café über')];
    expect(lp.tokens).toEqual(bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : `bytes:\\x${b.toString(16)}`)));
    expect(lp.text_offset).toEqual([0, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8]);
    lp.top_logprobs!.forEach((top, i) => {
      const values = Object.values(top);
      expect(values).toHaveLength(3);
      // Greedy: the sampled token is the most likely one.
      expect(top[lp.tokens![i]]).toBeCloseTo(Math.max(...values), 12);
    });
    const tokenizer = served.tokenizer;
    const [scored] = await scoreCompletions(served.model, [{ prompt: tokenizer.encode('accents:', { bos: true }), completion: bytes }], { padId: tokenizer.pad, temperature: 1 });
    lp.token_logprobs!.forEach((v, i) => expect(v).toBeCloseTo(scored[i], 4));
  });

  test('chat: the rendered template, log-probs with bytes and top alternatives', async () => {
    const res = await client.chat.completions.create({ ...greedy(), messages: [{ role: 'user', content: 'ping' }], logprobs: true, top_logprobs: 2 });
    const choice = res.choices[0];
    expect(res.object).toBe('chat.completion');
    expect(choice.message).toMatchObject({ role: 'assistant', content: 'pong' });
    expect(choice.finish_reason).toBe('stop');
    const content = choice.logprobs!.content!;
    expect(Buffer.from(content.flatMap((t) => t.bytes!)).toString()).toBe('pong');
    for (const t of content) {
      expect(t.top_logprobs).toHaveLength(2);
      expect(t.top_logprobs[0].token).toBe(t.token);
      expect(t.top_logprobs[1].logprob).toBeLessThanOrEqual(t.logprob);
    }
    expect(res.usage!.prompt_tokens).toBe(1 + Buffer.byteLength(ping));
  });

  test('streamed chat arrives in several chunks that add up to the unstreamed answer, then usage', async () => {
    const request = { model: KEY, messages: [{ role: 'user' as const, content: 'ping' }], temperature: 1, seed: 3, n: 2 };
    const whole = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true }, logprobs: true });
    const content = ['', ''];
    const finish: Array<string | null> = [null, null];
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      chunks += 1;
      usage ??= chunk.usage;
      for (const c of chunk.choices) {
        content[c.index] += c.delta.content ?? '';
        finish[c.index] ??= c.finish_reason;
        if (c.delta.content) expect(Buffer.from(c.logprobs!.content!.flatMap((t) => t.bytes!)).toString()).toBe(c.delta.content);
      }
    }
    expect(content).toEqual(whole.choices.map((c) => c.message.content));
    expect(finish).toEqual(whole.choices.map((c) => c.finish_reason));
    expect(chunks).toBeGreaterThan(6);
    expect(usage).toEqual(whole.usage);
  });

  test('a streamed completion holds back a possible stop string and ends exactly where the unstreamed one does', async () => {
    const request = { ...greedy(), prompt: ['greek:', 'accents:'], stop: ['beta', 'ber'], max_tokens: 30 };
    const whole = await client.completions.create(request);
    const texts = ['', ''];
    for await (const chunk of await client.completions.create({ ...request, stream: true })) {
      for (const c of chunk.choices) texts[c.index] += c.text;
    }
    expect(whole.choices.map((c) => c.text)).toEqual(['alpha ', 'café ü']);
    expect(texts).toEqual(['alpha ', 'café ü']);
  });
});

describe('drl serve: errors in OpenAI shape', () => {
  async function rejection(request: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
    const err = await request.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.APIError);
    return err as InstanceType<typeof OpenAI.APIError>;
  }

  test.each([
    [{ temperature: 5 }, 'temperature'],
    [{ top_p: 0 }, 'top_p'],
    [{ n: 0 }, 'n'],
    [{ max_tokens: 1.5 }, 'max_tokens'],
    [{ stop: [''] }, 'stop'],
    [{ echo: true }, 'echo'],
    [{ logprobs: 99 }, 'logprobs'],
    [{ presence_penalty: 0.5 }, 'presence_penalty'],
    [{ prompt: 42 }, 'prompt'],
  ])('400 naming the field for %j', async (change, param) => {
    const err = await rejection(client.completions.create({ ...greedy(), prompt: 'abc', ...change } as OpenAI.CompletionCreateParamsNonStreaming));
    expect(err.status).toBe(400);
    expect(err.param).toBe(param);
    expect(err.message).toContain(param);
  });

  test('400 for bad chat messages and for top_logprobs without logprobs', async () => {
    const badRole = await rejection(client.chat.completions.create({ ...greedy(), messages: [{ role: 'robot', content: 'x' }] } as never));
    expect([badRole.status, badRole.param]).toEqual([400, 'messages[0].role']);
    const top = await rejection(client.chat.completions.create({ ...greedy(), messages: [{ role: 'user', content: 'x' }], top_logprobs: 2 }));
    expect([top.status, top.param]).toEqual([400, 'top_logprobs']);
  });

  test('a prompt longer than the context is context_length_exceeded, before any stream starts', async () => {
    const err = await rejection(client.completions.create({ ...greedy(), prompt: 'x'.repeat(served.model.config.maxSeqLen), stream: true }));
    expect([err.status, err.code]).toEqual([400, 'context_length_exceeded']);
  });

  test('404 for an unknown model and an unknown route; 400 for a body that is not JSON', async () => {
    const model = await rejection(client.completions.create({ ...greedy(), model: 'checkpoints/other/9', prompt: 'abc' }));
    expect([model.status, model.code]).toEqual([404, 'model_not_found']);
    const route = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'unknown_url' }) });
    const notJson = await fetch(`${server.url}/v1/completions`, { method: 'POST', body: '{"model": ' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});
