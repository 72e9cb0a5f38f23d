/**
 * A judge behind any OpenAI-compatible HTTP endpoint (`drl serve`, vLLM, llama.cpp, a hosted API): POST
 * /v1/chat/completions or /v1/completions with a per-request timeout, retries with exponential backoff on
 * 5xx, 429, timeouts and refused connections (a Retry-After header wins when it asks for longer), and a
 * requests-per-second limit shared by every call of the backend.
 */
import { InputError } from '../../core/errors';
import type { CompletionOptions, JudgeBackend } from './judgeScore';

export interface HttpJudgeBackendOptions {
  /** Server root or its /v1 (http://host:8000 or http://host:8000/v1). */
  endpoint: string;
  model: string;
  /** 'chat' posts to /chat/completions with a system and a user message; 'completions' posts one prompt. */
  api?: 'chat' | 'completions';
  apiKey?: string;
  /** Per request, default 60 s. */
  timeoutMs?: number;
  /** Retries after the first try, default 4. */
  maxRetries?: number;
  /** First backoff, doubled at each retry up to `maxBackoffMs`; defaults 500 ms and 30 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Requests started per second across all calls; default unlimited. */
  requestsPerSecond?: number;
}

/** The endpoint failed in a way retrying did not fix (or cannot fix: 4xx other than 429). */
export class JudgeBackendError extends Error {
  override name = 'JudgeBackendError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

interface Failure {
  retry: boolean;
  status: number | null;
  message: string;
  retryAfterMs: number | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function hint(status: number): string {
  if (status === 401 || status === 403) return ' (check the API key: DRL_JUDGE_API_KEY)';
  if (status === 404) return ' (check the endpoint URL, the model name and whether the server offers this API)';
  return '';
}

export class HttpJudgeBackend implements JudgeBackend {
  private readonly url: string;
  private readonly options: Required<Omit<HttpJudgeBackendOptions, 'apiKey'>> & { apiKey?: string };
  private nextSlot = 0;

  constructor(options: HttpJudgeBackendOptions) {
    let base: URL;
    try {
      base = new URL(options.endpoint);
    } catch {
      throw new InputError(`judge endpoint '${options.endpoint}' is not a URL (e.g. http://127.0.0.1:8000)`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new InputError(`judge endpoint '${options.endpoint}' must be http or https`);
    const api = options.api ?? 'chat';
    const root = base.href.replace(/\/+$/, '');
    this.url = `${/\/v1$/.test(root) ? root : `${root}/v1`}/${api === 'chat' ? 'chat/completions' : 'completions'}`;
    this.options = {
      endpoint: options.endpoint,
      model: options.model,
      api,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 4,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      requestsPerSecond: options.requestsPerSecond ?? Number.POSITIVE_INFINITY,
    };
    for (const key of ['timeoutMs', 'maxRetries', 'backoffMs', 'maxBackoffMs', 'requestsPerSecond'] as const) {
      if (!(this.options[key] >= 0)) throw new InputError(`judge backend: ${key} must be a non-negative number, got ${this.options[key]}`);
    }
  }

  async complete(prompt: string, options: CompletionOptions): Promise<string> {
    const { model, api, maxRetries } = this.options;
    const sampling = { model, temperature: options.temperature, max_tokens: options.maxTokens, seed: options.seed };
    const body =
      api === 'chat'
        ? { ...sampling, messages: [...(options.system ? [{ role: 'system', content: options.system }] : []), { role: 'user', content: prompt }] }
        : { ...sampling, prompt: options.system ? `${options.system}\n\n${prompt}` : prompt };
    let failure: Failure | null = null;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (failure !== null) await sleep(this.delay(attempt, failure.retryAfterMs));
      await this.takeSlot();
      const outcome = await this.post(body);
      if ('text' in outcome) return outcome.text;
      if (!outcome.retry) throw new JudgeBackendError(outcome.message, outcome.status);
      failure = outcome;
    }
    throw new JudgeBackendError(`gave up after ${maxRetries + 1} attempts; last: ${failure!.message}`, failure!.status);
  }

  /** Exponential backoff, or longer when the server's Retry-After asks for it. */
  private delay(attempt: number, retryAfter: number | null): number {
    const exponential = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (attempt - 1));
    return Math.max(exponential, retryAfter ?? 0);
  }

  /** Request slots are 1/rps apart, and a request starts no earlier than its slot; the slot is taken synchronously, so concurrent calls queue in order. */
  private async takeSlot(): Promise<void> {
    if (!Number.isFinite(this.options.requestsPerSecond)) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.options.requestsPerSecond;
    if (at > now) await sleep(at - now);
  }

  private async post(body: object): Promise<{ text: string } | Failure> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const error = err as Error & { cause?: { code?: string } };
      const why = error.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error.cause?.code ?? error.message);
      return { retry: true, status: null, message: `${this.url}: ${why}`, retryAfterMs: null };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      const why = (err as Error).name === 'TimeoutError' ? `body not complete within ${this.options.timeoutMs} ms` : (err as Error).message;
      return { retry: true, status: response.status, message: `${this.url}: ${why}`, retryAfterMs: null };
    }
    if (!response.ok) {
      const message = `${this.url}: HTTP ${response.status}${hint(response.status)}: ${text.slice(0, 300)}`;
      const retry = response.status === 429 || response.status >= 500;
      return { retry, status: response.status, message, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    }
    const completion = this.completionText(text);
    if (completion === null) {
      return { retry: false, status: response.status, message: `${this.url}: not an OpenAI ${this.options.api} completion: ${text.slice(0, 300)}`, retryAfterMs: null };
    }
    return { text: completion };
  }

  private completionText(body: string): string | null {
    let parsed: { choices?: Array<{ text?: unknown; message?: { content?: unknown } }> };
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
    const choice = parsed?.choices?.[0];
    const text = this.options.api === 'chat' ? choice?.message?.content : choice?.text;
    return typeof text === 'string' ? text : null;
  }
}
