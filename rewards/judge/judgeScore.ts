/**
 * Grading through any judge backend: build the Prometheus prompt, ask, parse the verdict, and ask again (a bounded
 * number of times, with seeds derived from the caller's) when the output cannot be parsed.
 */
import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { RewardResult } from '../rewardResult';
import { judgePrompt, JudgePromptInput } from './judgePrompt';
import { parseVerdict, VerdictFailure } from './parseVerdict';

export interface CompletionOptions {
  system?: string;
  temperature: number;
  maxTokens: number;
  /** Passed to the model's sampler where the backend has one (OpenAI's `seed`). */
  seed: number;
}

/** A judge model: an engine checkpoint, `drl serve`, or any OpenAI-compatible endpoint. */
export interface JudgeBackend {
  complete(prompt: string, options: CompletionOptions): Promise<string>;
}

export interface JudgeOptions {
  /** Language of the instructions; 'en' keeps them in English whatever the material's language. Default 'en'. */
  instructionsLanguage?: string;
  /** Seed of this grading (e.g. the sample's id): attempt k asks with a seed derived from it and k. */
  seed: number | string;
  /** Attempts in all, the first included; default 3. */
  maxAttempts?: number;
  /** First attempt's temperature (default 0); re-asks use `retryTemperature` (default 0.7) to get a new output. */
  temperature?: number;
  retryTemperature?: number;
  maxTokens?: number;
}

export interface JudgeResult extends RewardResult {
  /** The judge's score 1..5; null when no attempt gave a parsable verdict. */
  verdict: number | null;
  feedback: string;
  attempts: number;
  /** Why each failed attempt could not be read, in order. */
  failures: VerdictFailure[];
}

/**
 * Grade one response. `score` is (s - 1) / 4 in [0, 1], 0 when unparsed (then `verdict` is null, so a caller such
 * as ExpRL can mask the sample instead of paying it 0).
 */
export async function judgeScore(backend: JudgeBackend, input: JudgePromptInput, options: JudgeOptions): Promise<JudgeResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new InputError(`judge: maxAttempts must be a positive integer, got ${maxAttempts}`);
  const prompt = judgePrompt(input, options.instructionsLanguage ?? 'en');
  const failures: VerdictFailure[] = [];
  const details: string[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const output = await backend.complete(prompt.user, {
      system: prompt.system,
      temperature: attempt === 0 ? (options.temperature ?? 0) : (options.retryTemperature ?? 0.7),
      maxTokens: options.maxTokens ?? 512,
      seed: Rng.derive(options.seed, 'judge', attempt).nextUint32(),
    });
    const verdict = parseVerdict(output);
    if (verdict.ok) {
      return {
        score: (verdict.score - 1) / 4,
        components: { judge: verdict.score, attempts: attempt + 1, parsed: 1 },
        reason: `judge ${verdict.score}/5${attempt > 0 ? ` after ${attempt} re-ask${attempt > 1 ? 's' : ''}` : ''}`,
        verdict: verdict.score,
        feedback: verdict.feedback,
        attempts: attempt + 1,
        failures,
      };
    }
    failures.push(verdict.failure);
    details.push(verdict.detail);
  }
  return {
    score: 0,
    components: { attempts: maxAttempts, parsed: 0 },
    reason: `no parsable verdict in ${maxAttempts} attempts: ${details.join('; ')}`,
    verdict: null,
    feedback: '',
    attempts: maxAttempts,
    failures,
  };
}

/** Grade many responses, at most `concurrency` requests in flight; results keep the inputs' order. */
export async function judgeScoreBatch(
  backend: JudgeBackend,
  inputs: readonly JudgePromptInput[],
  options: Omit<JudgeOptions, 'seed'> & { seed: number | string; concurrency?: number },
): Promise<JudgeResult[]> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError(`judge: concurrency must be a positive integer, got ${concurrency}`);
  const results: JudgeResult[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await judgeScore(backend, inputs[i], { ...options, seed: `${options.seed}/${i}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}
