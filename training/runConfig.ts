/**
 * The training-run config (YAML on the CLI, an object in the workflow): validated with zod so every mistake names
 * its field, with defaults filled in, and hashed as a whole (thread count included) because every byte of the run
 * depends on it.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../core/errors';
import { hashOf } from '../core/hash';
import { hyperparametersSchema } from './hyperparameters';

const positiveInt = z.number().int().positive();

const rewardTermSchema = z
  .object({
    reward: z
      .enum(['correct', 'language', 'judge', 'rewardModel'])
      .describe('correct: the final answer equals the reference; language: share of the response in the prompt language; judge: a judge model grades the response against the reference solution, (s - 1) / 4; rewardModel: a reward model scores prompt and response (reward.rewardModel)'),
    weight: z.number().finite().default(1).describe("the term's weight in the sum"),
    gate: z.string().optional().describe('pay this term only when that reward (or reward.component) reaches gateMin'),
    gateMin: z.number().finite().default(1).describe('the gate threshold'),
  })
  .strict();

export const runConfigSchema = z
  .object({
    recipe: z.enum(['grpo', 'lang']).default('grpo').describe('grpo: plain GRPO-family training; lang: LANG, language-adaptive hints in the problem language (METHODS.md)'),
    lang: z
      .object({
        h0: z.number().optional().describe('hint fraction at clock 0 (share of reference steps revealed); default 0.6'),
        decay: z.enum(['linear', 'cosine', 'exponential']).optional().describe('decay shape of the hint fraction; default cosine'),
        baseHorizon: z.number().optional().describe("T_base in steps; default half the run's steps"),
        kappa: z.number().optional().describe('horizon growth with difficulty, T_l = T_base (1 + kappa (1 - a_l0)); default 1'),
        tauOff: z.number().optional().describe("hints switch off once a language's accuracy EMA reaches this; default 0.9"),
        deltaBack: z.number().optional().describe('hints switch back on when the EMA falls this far below its value at switch-off; default 0.1'),
        emaAlpha: z.number().optional().describe('weight of the newest accuracy probe in the EMA; default 0.3'),
        probeEvery: z.number().int().optional().describe('probe hint-free accuracy on the eval split every N steps; default 5'),
        hintUnit: z.enum(['step', 'word']).optional().describe('a hint reveals whole reference steps (METHODS.md) or words, which fade gradually on short solutions; default step'),
        probeProblems: z.number().int().positive().optional().describe('eval problems per language in a probe (default: evaluation.problems)'),
      })
      .strict()
      .optional()
      .describe('the LANG schedule (recipe lang only; recipes/lang.ts)'),
    seed: z.union([z.number().int(), z.string().min(1)]).default(0).describe('seeds the policy init, batches and sampling'),
    dataset: z
      .record(z.string(), z.unknown())
      .describe('a buildDataset request (e.g. {recipe: lang, languages: [en, es], problemsPerLanguage: 300, seed: 0}); built once and reused by id'),
    policy: z
      .union([
        z.object({ size: z.enum(['tiny', 'small', 'base']).describe('a fresh model of this named size') }).strict(),
        z.object({ checkpoint: z.string().min(8).describe('start from this stored checkpoint (id or unique prefix)') }).strict(),
        z
          .object({
            file: z.string().endsWith('.safetensors').describe("start from these weights (a safetensors file whose metadata holds its model config; relative to the config file); drl run, demo and schedule import it into the store"),
            sha256: z.string().regex(/^[0-9a-f]{64}$/).optional().describe("the file's expected sha256"),
          })
          .strict(),
      ])
      .default({ size: 'tiny' })
      .describe('the initial policy'),
    sft: z
      .object({
        steps: positiveInt.describe('SFT steps on the training split before RL'),
        lr: z.number().positive().max(1).default(3e-3).describe('learning rate of the warm-up'),
        batch: positiveInt.default(8).describe('examples per warm-up step'),
      })
      .strict()
      .optional()
      .describe('supervised warm-up of the initial policy on the reference solutions (prompt -> solution steps)'),
    steps: positiveInt.describe('policy updates in the run'),
    promptsPerStep: positiveInt.default(4).describe('prompts drawn per step (with replacement, a pure function of seed and step)'),
    groupSize: z.number().int().min(2).default(4).describe('completions sampled per prompt (one GRPO group)'),
    maxTokens: positiveInt.default(64).describe('maximum completion length in tokens'),
    maxPromptTokens: positiveInt.default(256).describe('prompts are padded to this fixed length; longer ones are skipped when the dataset is read'),
    rolloutChunkPrompts: positiveInt.default(2).describe('prompts per rollout chunk: the unit of heartbeats and resume'),
    microBatches: positiveInt.default(1).describe('gradient-accumulation micro-batches per update (each a heartbeat)'),
    loss: z.enum(['grpo', 'drgrpo', 'dapo']).default('grpo').describe('policy loss preset (METHODS.md)'),
    hyperparameters: hyperparametersSchema.default(hyperparametersSchema.parse({})).describe('settable while the run goes on: drl signal ID set KEY=VALUE'),
    reward: z
      .object({
        terms: z.array(rewardTermSchema).min(1),
        judge: z
          .object({
            endpoint: z.string().url().describe('an OpenAI-compatible server (drl serve, vLLM, a hosted API)'),
            model: z.string().min(1),
            api: z.enum(['chat', 'completions']).default('chat'),
            instructionsLanguage: z.string().default('en').describe("the judge prompt's language; en keeps the instructions in English"),
            requestsPerSecond: z.number().positive().optional(),
            timeoutMs: positiveInt.default(60_000),
            maxAttempts: positiveInt.default(3).describe('asks in all when the verdict cannot be parsed'),
          })
          .strict()
          .optional()
          .describe('the judge of `judge` terms'),
        rewardModel: z
          .object({
            checkpoint: z.string().min(8).describe('a checkpoint with scalarHead "score" (trained with the rm loss on bos, prompt bytes, response bytes); id or unique prefix'),
            normalise: z.enum(['none', 'sigmoid']).default('none').describe('none: the raw score; sigmoid: mapped into (0, 1)'),
          })
          .strict()
          .optional()
          .describe('the reward model of `rewardModel` terms, run on the CPU worker with one thread'),
      })
      .strict()
      .refine((r) => !r.terms.some((t) => t.reward === 'judge') || r.judge !== undefined, { message: 'a judge term needs reward.judge (endpoint and model)', path: ['judge'] })
      .refine((r) => !r.terms.some((t) => t.reward === 'rewardModel') || r.rewardModel !== undefined, { message: 'a rewardModel term needs reward.rewardModel (checkpoint)', path: ['rewardModel'] })
      .default({ terms: [{ reward: 'correct', weight: 1, gateMin: 1 }] })
      .describe('weighted sum of reward terms, each recorded per sample'),
    evaluation: z
      .object({
        every: z.number().int().min(0).default(0).describe('evaluate on the eval split every N steps (0: never)'),
        problems: positiveInt.default(32).describe('eval problems per language'),
        maxTokens: positiveInt.optional().describe('completion length at evaluation (default: maxTokens)'),
        batch: positiveInt.default(32).describe('prompts decoded together at evaluation (one heartbeat each)'),
      })
      .strict()
      .default({ every: 0, problems: 32, batch: 32 })
      .describe('hint-free greedy accuracy on the held-out split, per language'),
    continueAsNewEvery: positiveInt.default(100).describe('start a fresh workflow history every N steps'),
    checkpoints: z
      .object({
        keepLast: positiveInt.default(3).describe('drl gc keeps the newest N checkpoints of a run'),
        keepEvery: z.number().int().min(0).default(0).describe('and every checkpoint whose step is a multiple of N (0: none)'),
      })
      .strict()
      .default({ keepLast: 3, keepEvery: 0 })
      .describe('retention of checkpoints by drl gc (a checkpoint is written every step)'),
    threads: positiveInt.default(1).describe('ONNX Runtime intra-op threads; part of the config because results depend on it'),
  })
  .strict();

export type RunConfig = z.infer<typeof runConfigSchema>;

/** Validates a parsed config; the error lists every problem with its field path. */
export function parseRunConfig(raw: unknown, source = 'config'): RunConfig {
  const parsed = runConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new InputError(`invalid run config:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** Reads YAML text (a JSON document is YAML too); `source` names the file in errors. */
export function parseRunConfigYaml(text: string, source: string): RunConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new InputError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  return parseRunConfig(raw, source);
}

export function runConfigHash(config: RunConfig): string {
  return hashOf(config);
}
