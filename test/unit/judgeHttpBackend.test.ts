import { InputError } from '../../core/errors';
import { HttpJudgeBackend, JudgeBackendError, retryAfterMs } from '../../rewards/judge/httpJudgeBackend';
import { chatReply, FakeJudgeServer, FakeReply, startFakeJudgeServer } from './fakeJudgeServer';

const OPTIONS = { system: 'be fair', temperature: 0, maxTokens: 64, seed: 7 };

describe('HttpJudgeBackend against a local OpenAI-compatible server', () => {
  let server: FakeJudgeServer;
  let replies: Array<FakeReply | undefined>;
  beforeEach(async () => {
    replies = [];
    server = await startFakeJudgeServer((_request, i) => replies[i] ?? { body: chatReply('Feedback: fine [RESULT] 4') });
  });
  afterEach(() => server.close());

  it('posts a chat completion with the system and user messages, the sampling options and the key', async () => {
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'prometheus', apiKey: 'k-1' });
    await expect(backend.complete('grade this', OPTIONS)).resolves.toBe('Feedback: fine [RESULT] 4');
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer k-1');
    expect(request.body).toEqual({
      model: 'prometheus',
      temperature: 0,
      max_tokens: 64,
      seed: 7,
      messages: [
        { role: 'system', content: 'be fair' },
        { role: 'user', content: 'grade this' },
      ],
    });
  });

  it('posts a plain completion to .../v1/completions when the endpoint already names /v1', async () => {
    replies[0] = { body: { choices: [{ index: 0, text: '[RESULT] 2' }] } };
    const backend = new HttpJudgeBackend({ endpoint: `${server.url}/v1/`, model: 'm', api: 'completions' });
    await expect(backend.complete('grade this', OPTIONS)).resolves.toBe('[RESULT] 2');
    expect(server.requests[0].path).toBe('/v1/completions');
    expect(server.requests[0].body.prompt).toBe('be fair\n\ngrade this');
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('retries 5xx with exponential backoff until an answer comes', async () => {
    replies[0] = { status: 503, body: 'overloaded' };
    replies[1] = { status: 502, body: 'bad gateway' };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', backoffMs: 40 });
    await expect(backend.complete('x', OPTIONS)).resolves.toContain('[RESULT] 4');
    const [a, b, c] = server.requests.map((r) => r.at);
    expect(server.requests).toHaveLength(3);
    expect(b - a).toBeGreaterThanOrEqual(35);
    expect(c - b).toBeGreaterThanOrEqual(75);
  });

  it('honours Retry-After on 429', async () => {
    replies[0] = { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', backoffMs: 1 });
    await backend.complete('x', OPTIONS);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it('does not retry other 4xx, and says what to check', async () => {
    replies[0] = { status: 401, body: '{"error":"bad key"}' };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', backoffMs: 1 });
    const error = await backend.complete('x', OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeBackendError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toBe(`${server.url}/v1/chat/completions: HTTP 401 (check the API key: DRL_JUDGE_API_KEY): {"error":"bad key"}`);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the retries with the last failure in the message', async () => {
    for (let i = 0; i < 3; i++) replies[i] = { status: 500, body: `boom ${i}` };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', backoffMs: 1, maxRetries: 2 });
    await expect(backend.complete('x', OPTIONS)).rejects.toThrow(/gave up after 3 attempts; last: .*HTTP 500: boom 2/);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a silent server and retries it', async () => {
    replies[0] = { delayMs: 400, body: chatReply('late') };
    replies[1] = { delayMs: 400, body: chatReply('late') };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', timeoutMs: 100, backoffMs: 1, maxRetries: 1 });
    await expect(backend.complete('x', OPTIONS)).rejects.toThrow(/no answer within 100 ms/);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a 200 that is not a completion', async () => {
    replies[0] = { body: { choices: [] } };
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm' });
    await expect(backend.complete('x', OPTIONS)).rejects.toThrow(/not an OpenAI chat completion: \{"choices":\[\]\}/);
  });

  it('starts at most requestsPerSecond requests per second, however many calls wait', async () => {
    const backend = new HttpJudgeBackend({ endpoint: server.url, model: 'm', requestsPerSecond: 20 });
    // Starts are timed where they happen, at the client: arrival times at the server jitter with the machine's load.
    const starts: number[] = [];
    const realFetch = globalThis.fetch;
    const watched = jest.spyOn(globalThis, 'fetch').mockImplementation((...args) => {
      starts.push(Date.now());
      return realFetch(...args);
    });
    try {
      await Promise.all(Array.from({ length: 5 }, () => backend.complete('x', OPTIONS)));
    } finally {
      watched.mockRestore();
    }
    expect(server.requests).toHaveLength(5);
    // Request i starts no earlier than its slot, i x 50 ms after the first, by Date.now(), which is what the backend
    // paces by (a timer may fire a millisecond early). Slots, not gaps: on a loaded machine a late start shortens the
    // gap after it, never the count in any second.
    starts.slice(1).forEach((t, i) => expect(t - starts[0]).toBeGreaterThanOrEqual(50 * (i + 1) - 1));
  });
});

describe('HttpJudgeBackend errors before any request', () => {
  it('names an unreachable endpoint', async () => {
    const closed = await startFakeJudgeServer(() => ({ body: {} }));
    await closed.close();
    const backend = new HttpJudgeBackend({ endpoint: closed.url, model: 'm', backoffMs: 1, maxRetries: 1 });
    await expect(backend.complete('x', OPTIONS)).rejects.toThrow(new RegExp(`${closed.url}/v1/chat/completions: ECONNREFUSED`));
  });

  it('rejects a malformed endpoint or option as input errors', () => {
    expect(() => new HttpJudgeBackend({ endpoint: 'localhost:8000', model: 'm' })).toThrow(InputError);
    expect(() => new HttpJudgeBackend({ endpoint: 'not a url', model: 'm' })).toThrow(/is not a URL/);
    expect(() => new HttpJudgeBackend({ endpoint: 'http://h', model: 'm', timeoutMs: -1 })).toThrow(/timeoutMs/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
