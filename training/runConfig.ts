/**
 * The training-run config (YAML on the CLI, an object in the workflow): validated with zod so every mistake names
 * its field, with defaults filled in, and hashed as a whole (thread count included) because every byte of the run
 * depends on it.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../core/errors';
import { hashOf } from '../core/hash';
import { renameLegacyKeys } from '../core/legacyKeys';
import { canonicalDatasetRequest } from '../datasets/datasetBuilders';
import { POLICY_LOSS_PRESETS, type PolicyLossName } from '../engine/train/policyLossPresets';
import { PPO_DEFAULTS } from '../engine/train/ppoLoss';
import { methodNamed, methodNames, methodSections } from '../recipes/methods';
import { HYPERPARAMETER_DEFAULTS, hyperparametersSchema, type Hyperparameters } from './hyperparameters';

const positiveInt = z.number().int().positive();
/** What `loss:` may name: a policy-gradient preset, or PPO. */
const RUN_LOSSES = [...Object.keys(POLICY_LOSS_PRESETS), 'ppo'] as unknown as [PolicyLossName | 'ppo', ...Array<PolicyLossName | 'ppo'>];
/** A duration as Temporal reads it, e.g. `10 seconds`, `4 hours`, `500ms`. */
const DURATION = /^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/;

const rewardTermSchema = z
  .object({
    reward: z
      .string()
      .min(1)
      .describe('correct: the final answer equals the reference; language: share of the response in the prompt language; judge: a judge model grades the response against the reference solution, (s - 1) / 4; rewardModel: a reward model scores prompt and response (reward.rewardModel); longtraceRubric: the LongTraceRL answer-gated rubric reward (reward.rubric)'),
    weight: z.number().finite().default(1).describe("the term's weight in the sum"),
    gate: z.string().optional().describe('pay this term only when that reward (or reward.component) reaches gateMin'),
    gateMin: z.number().finite().default(1).describe('the gate threshold'),
  })
  .strict();

/** Every key of a run config but the method sections (named after a method, validated by it). */
export const runConfigSchema = z
  .object({
    method: z
      .string()
      .default('plain')
      .describe(`the method (recipes/): ${methodNames().join(', ')}; its own settings go in a section named after it (e.g. lang:)`),
    seed: z.union([z.number().int(), z.string().min(1)]).default(0).describe('seeds the policy init, batches and sampling'),
    dataset: z
      .record(z.string(), z.unknown())
      .describe('a buildDataset request (e.g. {builder: math, languages: [en, es], problemsPerLanguage: 300, seed: 0}), built once and reused by id; or {id: DATASET} for a stored dataset (drl data import)'),
    policy: z
      .union([
        z
          .object({
            size: z.enum(['tiny', 'small', 'base']).describe('a fresh model of this named size'),
            maxSeqLen: positiveInt.optional().describe("the model's longest sequence (prompt + completion) in tokens; default the size's own (1,024)"),
          })
          .strict(),
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
    prompts: z
      .object({
        chatTemplate: z.boolean().default(true).describe("render each task prompt as a user turn of the checkpoint's chat template (where it has one); false: the raw prompt text"),
        system: z.string().optional().describe('a system turn before each prompt (chat template only)'),
        templateVariables: z
          .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
          .optional()
          .describe('further variables the chat template reads, e.g. {enable_thinking: false} for Qwen3 (chat template only)'),
      })
      .strict()
      .optional()
      .describe("how task prompts are tokenized (default: the checkpoint's chat template where it has one, raw text otherwise)"),
    steps: positiveInt.describe('policy updates in the run'),
    promptsPerStep: positiveInt.default(4).describe('prompts drawn per step (with replacement, a pure function of seed and step)'),
    groupSize: z.number().int().min(2).default(4).describe('completions sampled per prompt (one GRPO group)'),
    maxTokens: positiveInt.default(64).describe('maximum completion length in tokens'),
    maxPromptTokens: positiveInt.default(256).describe('the longest prompt in tokens; records whose prompt is longer are skipped and counted before the first rollout'),
    maxSkippedShare: z.number().min(0).max(1).default(0.1).describe('the run fails before its first rollout when a larger share of the training records is skipped for a prompt over maxPromptTokens'),
    rolloutChunkPrompts: positiveInt.default(2).describe('prompts per rollout chunk: the unit of heartbeats and resume'),
    microBatches: positiveInt.default(1).describe('gradient-accumulation micro-batches per update (each a heartbeat)'),
    loss: z
      .enum(RUN_LOSSES)
      .default('grpo')
      .describe('policy loss preset (METHODS.md): grpo (token mean per sequence, k3 KL 0.04), drgrpo (token sum over L_max, no std normalisation, no KL), dapo (token mean over the batch, eps 0.2/0.28, no KL; dynamic sampling and overlong shaping are not implemented yet), ppo (InstructGPT: a value head, the KL in the per-token reward, GAE, epochs; settings in ppo:); it fills the hyperparameters a config leaves out'),
    ppo: z
      .object({
        valueHead: z.enum(['zero', 'rewardModel']).describe("where the value head starts: zero (V = 0 everywhere at first), or rewardModel (a copy of the reward model's score head; same width)"),
        epochs: positiveInt.default(4).describe('passes over each rollout, each a committed, resumable unit'),
        minibatches: positiveInt.default(1).describe('AdamW steps per epoch (the rollout split into equal minibatches)'),
        gamma: z.number().min(0).max(1).default(PPO_DEFAULTS.gamma),
        lambda: z.number().min(0).max(1).default(PPO_DEFAULTS.lambda).describe("GAE's lambda"),
        valueClipRange: z.number().positive().default(PPO_DEFAULTS.valueClipRange),
        valueCoef: z.number().positive().default(PPO_DEFAULTS.valueCoef).describe('weight of the value loss'),
      })
      .strict()
      .optional()
      .describe('PPO (loss: ppo): the clip range is epsLow (symmetric), the KL weight klBeta, both settable while the run goes on'),
    klEstimator: z.enum(['k1', 'k2', 'k3']).optional().describe("Schulman's estimator of the KL penalty: k1, k2 or k3 (default: the preset's, k3)"),
    hyperparameters: hyperparametersSchema.partial().optional().describe("settable while the run goes on (drl signal ID set KEY=VALUE); unset ones come from the loss preset: lr 1e-3, temperature 1, and the preset's epsLow, epsHigh, klBeta"),
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
            checkpoint: z.string().min(8).describe('a checkpoint with scalarHead "score" (trained with the rewardModel loss on bos, prompt bytes, response bytes); id or unique prefix'),
            normalise: z.enum(['none', 'sigmoid']).default('none').describe('none: the raw score; sigmoid: mapped into (0, 1)'),
          })
          .strict()
          .optional()
          .describe('the reward model of `rewardModel` terms'),
        rubric: z
          .object({
            eta: z.number().min(0).max(1).default(0.3).describe("the rubric's share of a correct answer's reward: (1 - eta) + eta r_rub"),
            groupScaling: z.boolean().default(true).describe("divide each r_rub by its group's largest r_rub when that is positive"),
          })
          .strict()
          .optional()
          .describe('the settings of `longtraceRubric` terms (METHODS.md, LongTraceRL)'),
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
    execution: z
      .object({
        heartbeatTimeout: z.string().regex(DURATION).default('10 seconds').describe('a worker that sends no heartbeat for this long is taken for dead and its activity retried'),
        gpuActivityTimeout: z.string().regex(DURATION).default('4 hours').describe('the longest a rollout, update or evaluation may run'),
        cpuActivityTimeout: z.string().regex(DURATION).default('1 hour').describe('the longest a reward or other CPU activity may run'),
        retryMaximumInterval: z.string().regex(DURATION).default('30 seconds').describe('the longest wait between two attempts of a failed activity'),
      })
      .strict()
      .default({ heartbeatTimeout: '10 seconds', gpuActivityTimeout: '4 hours', cpuActivityTimeout: '1 hour', retryMaximumInterval: '30 seconds' })
      .describe('how the run is executed, not what it computes: left out of the config hash and of every activity input, so changing it on a restart reuses every committed output'),
  })
  .strict();

export type RunLoss = (typeof RUN_LOSSES)[number];

/** InstructGPT's PPO values of the hyperparameters a config leaves out (METHODS.md); epsHigh mirrors epsLow. */
const PPO_HYPERPARAMETERS = { epsLow: PPO_DEFAULTS.clipRange, epsHigh: PPO_DEFAULTS.clipRange, klBeta: PPO_DEFAULTS.klBeta };

/** A run config as the schema reads it; `hyperparameters` then holds every value in force (preset defaults filled). */
export type RunConfig = Omit<z.infer<typeof runConfigSchema>, 'hyperparameters'> & { hyperparameters: Hyperparameters };

/** The schema `drl config reference` documents: every key, the method sections included. */
export function runConfigReferenceSchema(): z.ZodObject {
  return runConfigSchema.extend(methodSections());
}

/** The config's section for its own method (e.g. `lang:`), or undefined. */
export function methodSection(config: RunConfig): unknown {
  return (config as unknown as Record<string, unknown>)[config.method];
}

/** The old spellings milestone 1 wrote: `recipe:` (grpo is now the plain method). */
const RENAMED_KEYS = [{ from: 'recipe', to: 'method', values: { grpo: 'plain' } }];

/**
 * Validates a parsed config (old keys read under their new names, each reported through `warn`); the error lists
 * every problem with its field path. The result is canonical: every default and preset value filled in.
 */
export function parseRunConfig(raw: unknown, source = 'config', warn: (message: string) => void = () => {}): RunConfig {
  const renamed = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? renameLegacyKeys(raw as Record<string, unknown>, RENAMED_KEYS, '') : { value: raw, warnings: [] };
  renamed.warnings.forEach((w) => warn(`${source}: ${w}`));
  const parsed = runConfigSchema.catchall(z.unknown()).safeParse(renamed.value);
  const problems = parsed.success ? [...methodSectionProblems(parsed.data), ...ppoProblems(parsed.data)] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (problems.length > 0) {
    throw new InputError(`invalid run config:\n  ${problems.map((p) => `${source}: ${p.path || '(root)'}: ${p.message}`).join('\n  ')}`);
  }
  const config = parsed.data!;
  const dataset = canonicalDatasetRequest(config.dataset);
  dataset.warnings.forEach((w) => warn(`${source}: ${w}`));
  const defaults = config.loss === 'ppo' ? PPO_HYPERPARAMETERS : POLICY_LOSS_PRESETS[config.loss].defaults;
  const set = config.hyperparameters ?? {};
  const hyperparameters: Hyperparameters = { ...HYPERPARAMETER_DEFAULTS, ...defaults, ...set, ...(config.loss === 'ppo' && set.epsLow !== undefined ? { epsHigh: set.epsLow } : {}) };
  return { ...config, dataset: dataset.request, hyperparameters };
}

/** Keys beside the schema's are method sections: the run's own method's, validated by that method. */
function methodSectionProblems(config: z.infer<typeof runConfigSchema> & Record<string, unknown>): Array<{ path: string; message: string }> {
  const known = new Set(Object.keys(runConfigSchema.shape));
  const problems: Array<{ path: string; message: string }> = [];
  let method;
  try {
    method = methodNamed(config.method, 'method');
  } catch (err) {
    return [{ path: 'method', message: (err as Error).message.replace(/^method: /, '') }];
  }
  for (const key of Object.keys(config).filter((k) => !known.has(k))) {
    if (key !== config.method) {
      problems.push({ path: key, message: methodNames().includes(key) ? `only method ${key} reads this section (method is ${config.method})` : 'unrecognized key' });
    } else if (!method.section) {
      problems.push({ path: key, message: `method ${key} takes no settings` });
    } else {
      const checked = method.section.safeParse(config[key]);
      if (!checked.success) problems.push(...checked.error.issues.map((issue) => ({ path: [key, ...issue.path].join('.'), message: issue.message })));
    }
  }
  return problems;
}

/** PPO's section against the rest of the config. */
function ppoProblems(config: z.infer<typeof runConfigSchema>): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (config.loss === 'ppo' && !config.ppo) problems.push({ path: 'ppo.valueHead', message: "loss ppo needs a value head source: ppo.valueHead (zero, or rewardModel: a copy of the reward model's score head)" });
  if (config.loss !== 'ppo' && config.ppo) problems.push({ path: 'ppo', message: `only loss ppo reads this section (loss is ${config.loss})` });
  if (config.ppo?.valueHead === 'rewardModel' && !config.reward.rewardModel) problems.push({ path: 'ppo.valueHead', message: 'rewardModel copies the score head of reward.rewardModel, which the config does not name' });
  const hp = config.hyperparameters;
  if (config.loss === 'ppo' && hp?.epsHigh !== undefined && hp.epsHigh !== hp.epsLow) problems.push({ path: 'hyperparameters.epsHigh', message: "PPO's clip range is symmetric: set epsLow alone" });
  return problems;
}

/** Reads YAML text (a JSON document is YAML too); `source` names the file in errors. */
export function parseRunConfigYaml(text: string, source: string, warn?: (message: string) => void): RunConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new InputError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  return parseRunConfig(raw, source, warn);
}

/** The hash of what a run computes: the whole canonical config but its execution section. */
export function runConfigHash(config: RunConfig): string {
  const { execution: _execution, ...computed } = config;
  return hashOf(computed);
}
