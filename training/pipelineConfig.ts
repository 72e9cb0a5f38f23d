/**
 * A pipeline: trainings in order, each a stage with its own committed output, one YAML file. InstructGPT is SFT ->
 * reward model -> PPO; Loong SFT -> DPO. A stage names an earlier stage's checkpoint with `{stage: NAME}`
 * (stageReferences.ts); an `rl` stage holds a whole run config (training/runConfig.ts). Validated with zod, every
 * stage and reference checked before any stage starts; a file without `stages:` is a run config, read as before.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../core/errors';
import { hashOf } from '../core/hash';
import { parseRunConfig, runConfigSchema } from './runConfig';
import { stageDataset, stageRunConfig } from './pipelineStages';
import { stageReferences, resolveStageReferences } from './stageReferences';

const positiveInt = z.number().int().positive();
const stageReferenceSchema = z.object({ stage: z.string().min(1).describe("an earlier stage's name: its output checkpoint") }).strict();
const checkpointRef = z.union([z.string().min(8).describe('a stored checkpoint (id or unique prefix)'), stageReferenceSchema]);
const datasetRequest = z.record(z.string(), z.unknown()).describe("a buildDataset request or {id: DATASET}; default: the pipeline's dataset");
const policySource = z
  .union([
    z.object({ size: z.enum(['tiny', 'small', 'base']), maxSeqLen: positiveInt.optional() }).strict(),
    z.object({ checkpoint: checkpointRef }).strict(),
  ])
  .describe('the weights the stage starts from: a fresh model of a named size, or a checkpoint (a stored one, or an earlier stage\'s)');

const name = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]{0,39}$/, 'a stage name starts with a lower-case letter and holds letters, digits, - and _ (at most 40)')
  .describe('the stage name: its child workflow id and how later stages name its output');

const sftStage = z
  .object({
    name,
    kind: z.literal('sft'),
    policy: policySource,
    dataset: datasetRequest.optional(),
    steps: positiveInt,
    batch: positiveInt.default(8),
    lr: z.number().positive().max(1).default(3e-3),
    maxPromptTokens: positiveInt.default(256),
    maxTokens: positiveInt.default(64),
  })
  .strict()
  .describe("supervised fine-tuning on the dataset's demonstrations (prompt -> completion, ended by eos)");

const rewardModelStage = z
  .object({
    name,
    kind: z.literal('rewardModel'),
    policy: policySource.describe('the trunk the score head is put on (InstructGPT: the SFT model)'),
    dataset: datasetRequest.optional(),
    steps: positiveInt,
    batch: positiveInt.default(8).describe('pairs per step'),
    lr: z.number().positive().max(1).default(1e-3),
    gate: z
      .object({ minLowerBound: z.number().min(0).max(1).default(0.5).describe("the pipeline fails unless the 95% Wilson lower bound of the held-out pairwise accuracy is above this") })
      .strict()
      .default({ minLowerBound: 0.5 }),
  })
  .strict()
  .describe("a Bradley-Terry reward model on the dataset's training pairs, gated on its held-out pairs");

const dpoStage = z
  .object({
    name,
    kind: z.literal('dpo'),
    policy: policySource.describe('the policy, and the frozen reference (its weights before the stage)'),
    dataset: datasetRequest.optional(),
    steps: positiveInt,
    batch: positiveInt.default(8).describe('pairs per step'),
    lr: z.number().positive().max(1).default(1e-3),
    beta: z.number().positive().default(0.1),
  })
  .strict()
  .describe("offline DPO on the dataset's training pairs");

const rlStage = z
  .object({ name, kind: z.literal('rl'), run: z.record(z.string(), z.unknown()).describe("a run config (drl config reference); dataset, seed and threads default to the pipeline's") })
  .strict()
  .describe('a training run (trainingRun, a child workflow)');

const evaluateStage = z
  .object({
    name,
    kind: z.literal('evaluate'),
    policy: checkpointRef.describe('the policy measured'),
    baseline: checkpointRef.optional().describe('win rate and KL are against this policy'),
    rewardModel: checkpointRef.optional().describe('its mean score of the samples is reported'),
    dataset: datasetRequest.optional(),
    prompts: positiveInt.default(100).describe('held-out prompts'),
    samples: positiveInt.default(4).describe('samples per prompt, of each policy'),
    maxTokens: positiveInt.default(16),
    temperature: z.number().positive().default(1),
  })
  .strict()
  .describe("samples of a policy on held-out prompts: the task's measures, reward-model score, win rate and KL against a baseline");

const stageSchema = z.discriminatedUnion('kind', [sftStage, rewardModelStage, dpoStage, rlStage, evaluateStage]);
export type PipelineStage = z.infer<typeof stageSchema>;
export type StageKind = PipelineStage['kind'];

export const pipelineSchema = z
  .object({
    seed: z.union([z.number().int(), z.string().min(1)]).default(0).describe("seeds every stage (an rl stage's run unless it sets its own)"),
    threads: positiveInt.default(1).describe('ONNX Runtime intra-op threads of every stage'),
    dataset: datasetRequest.optional().describe('the dataset of every stage that names none'),
    execution: runConfigSchema.shape.execution,
    stages: z.array(stageSchema).min(1),
  })
  .strict();

export type PipelineConfig = z.infer<typeof pipelineSchema>;

/** Whether a parsed YAML document is a pipeline (it has `stages:`) rather than a run config. */
export function isPipelineDocument(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.hasOwn(raw, 'stages');
}

/** Stages whose output is a checkpoint a later stage may name. */
const PRODUCES_CHECKPOINT: Record<StageKind, boolean> = { sft: true, rewardModel: true, dpo: true, rl: true, evaluate: false };

/**
 * Validates a parsed pipeline; the error lists every problem with its path (`stages.2.run.steps`). Checked: each
 * stage's fields, unique names, every reference names an earlier stage with a checkpoint, every stage has a dataset,
 * and an rl stage's run config (with each reference standing for a checkpoint id).
 */
export function parsePipelineConfig(raw: unknown, source = 'pipeline'): PipelineConfig {
  const parsed = pipelineSchema.safeParse(raw);
  if (!parsed.success) throw pipelineError(source, parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  const pipeline = parsed.data;
  const problems: Array<{ path: string; message: string }> = [];
  const earlier = new Map<string, StageKind>();
  pipeline.stages.forEach((stage, i) => {
    const at = `stages.${i}`;
    if (earlier.has(stage.name)) problems.push({ path: `${at}.name`, message: `another stage is named ${stage.name} already` });
    for (const ref of stageReferences(stage)) {
      const kind = earlier.get(ref.stage);
      if (kind === undefined) {
        problems.push({ path: `${at}.${ref.path}`, message: `names stage ${ref.stage}, which no earlier stage is (earlier: ${[...earlier.keys()].join(', ') || 'none'})` });
      } else if (!PRODUCES_CHECKPOINT[kind]) {
        problems.push({ path: `${at}.${ref.path}`, message: `names stage ${ref.stage}, an ${kind} stage, which produces no checkpoint` });
      }
    }
    if (stageDataset(pipeline, stage) === undefined) problems.push({ path: `${at}.dataset`, message: 'no dataset: give the stage one, or the pipeline a dataset' });
    if (stage.kind === 'rl') {
      try {
        parseRunConfig(resolveStageReferences(stageRunConfig(pipeline, stage), (name) => `stage-output:${name}`), `${source}: ${at}.run`);
      } catch (err) {
        problems.push({ path: `${at}.run`, message: (err as Error).message.replace(/^invalid run config:\n\s*/, '') });
      }
    }
    earlier.set(stage.name, stage.kind);
  });
  if (problems.length > 0) throw pipelineError(source, problems);
  return pipeline;
}

function pipelineError(source: string, problems: Array<{ path: string; message: string }>): InputError {
  return new InputError(`invalid pipeline:\n  ${problems.map((p) => `${source}: ${p.path || '(root)'}: ${p.message}`).join('\n  ')}`);
}

export function parsePipelineYaml(text: string, source: string): PipelineConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new InputError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  return parsePipelineConfig(raw, source);
}

/** The hash of what a pipeline computes: the whole canonical config but its execution section. */
export function pipelineHash(pipeline: PipelineConfig): string {
  const { execution: _execution, ...computed } = pipeline;
  return hashOf(computed);
}
