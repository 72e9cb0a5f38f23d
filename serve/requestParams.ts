import { randomInt } from 'node:crypto';
import { badParam } from './apiError';

/** What a completions or chat request asks of the sampler, checked field by field. */
export interface SamplingParams {
  model: string;
  n: number;
  /** undefined: as many as the context leaves. */
  maxTokens: number | undefined;
  temperature: number;
  topP: number;
  topK: number;
  stop: string[];
  seed: number;
  stream: boolean;
  includeUsage: boolean;
  /** null: no log-probs; k: the sampled token's and the k most likely alternatives. */
  topLogprobs: number | null;
}

export type Body = Record<string, unknown>;

const MAX_N = 64;
export const MAX_TOP_LOGPROBS = 20;
const MAX_STOP = 4;

/** A field absent or null reads as undefined, as OpenAI treats them. */
function field(body: Body, name: string): unknown {
  return body[name] ?? undefined;
}

function numberField(body: Body, name: string, min: number, max: number, fallback: number): number {
  const v = field(body, name);
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badParam(name, `expected a number, got ${JSON.stringify(v)}`, 'invalid_type');
  if (v < min || v > max) throw badParam(name, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function integerField(body: Body, name: string, min: number, max: number): number | undefined {
  const v = field(body, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badParam(name, `expected an integer, got ${JSON.stringify(v)}`, 'invalid_type');
  if (v < min || v > max) throw badParam(name, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function booleanField(body: Body, name: string): boolean {
  const v = field(body, name);
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw badParam(name, `expected true or false, got ${JSON.stringify(v)}`, 'invalid_type');
  return v;
}

/** Fields whose other values would change the result in ways this server does not implement, and their neutral value. */
export const NEUTRAL_VALUES: Record<string, unknown> = {
  presence_penalty: 0,
  frequency_penalty: 0,
  logit_bias: {},
  tools: [],
  functions: [],
  best_of: 1,
  echo: false,
  suffix: '',
  response_format: { type: 'text' },
};

function refuseUnsupported(body: Body, names: readonly string[]): void {
  for (const name of names) {
    const v = field(body, name);
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(NEUTRAL_VALUES[name])) {
      throw badParam(name, `${JSON.stringify(v)} is not supported by drl serve (only ${JSON.stringify(NEUTRAL_VALUES[name])})`, 'unsupported_parameter');
    }
  }
}

/**
 * `chat_template_kwargs` (vLLM's extension of chat requests): further variables of the chat template, e.g.
 * {enable_thinking: false} for Qwen3, as a run's `prompts.templateVariables`.
 */
export function templateVariablesField(body: Body): Record<string, string | number | boolean> | undefined {
  const v = field(body, 'chat_template_kwargs');
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badParam('chat_template_kwargs', 'expected an object of template variables', 'invalid_type');
  for (const [name, value] of Object.entries(v as Body)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw badParam(`chat_template_kwargs.${name}`, `expected a string, number or boolean, got ${JSON.stringify(value)}`, 'invalid_type');
  }
  return v as Record<string, string | number | boolean>;
}

function stopField(body: Body): string[] {
  const v = field(body, 'stop');
  if (v === undefined) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s.length > 0)) throw badParam('stop', 'expected a non-empty string or a list of them');
  if (list.length > MAX_STOP) throw badParam('stop', `at most ${MAX_STOP} stop strings, got ${list.length}`);
  return list;
}

/**
 * The fields both endpoints share. `top_k` is an extension (as vLLM has it); `seed` absent draws a fresh one, so only
 * seeded requests repeat.
 */
export function samplingParams(body: Body, unsupported: readonly string[]): Omit<SamplingParams, 'maxTokens' | 'topLogprobs'> {
  const model = field(body, 'model');
  if (typeof model !== 'string' || model === '') throw badParam('model', 'required: the id that GET /v1/models lists', 'missing_required_parameter');
  refuseUnsupported(body, ['presence_penalty', 'frequency_penalty', 'logit_bias', 'tools', 'functions', ...unsupported]);
  const stream = booleanField(body, 'stream');
  const streamOptions = field(body, 'stream_options');
  if (streamOptions !== undefined && !stream) throw badParam('stream_options', 'only allowed when stream is true');
  if (streamOptions !== undefined && (typeof streamOptions !== 'object' || Array.isArray(streamOptions))) throw badParam('stream_options', 'expected an object');
  const includeUsage = streamOptions !== undefined && booleanField(streamOptions as Body, 'include_usage');
  return {
    model,
    n: integerField(body, 'n', 1, MAX_N) ?? 1,
    temperature: numberField(body, 'temperature', 0, 2, 1),
    topP: topPField(body),
    topK: integerField(body, 'top_k', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    stop: stopField(body),
    seed: integerField(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? randomInt(2 ** 47),
    stream,
    includeUsage,
  };
}

function topPField(body: Body): number {
  const topP = numberField(body, 'top_p', 0, 1, 1);
  if (topP === 0) throw badParam('top_p', 'must be greater than 0 (use temperature 0 for greedy decoding)');
  return topP;
}
