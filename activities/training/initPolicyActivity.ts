import { Context } from '@temporalio/activity';
import { InputError } from '../../core/errors';
import type { HuggingFaceFiles } from '../../engine/io';
import { modelOfSize, scalarHeadName } from '../../engine/model';
import { ByteTokenizer } from '../../engine/tokenizer';
import { PolicyState } from '../../engine/train';
import { readCheckpointManifest } from '../../training/checkpointStore';
import type { Hyperparameters } from '../../training/hyperparameters';
import type { RunConfig } from '../../training/runConfig';
import { committedOutput } from '../committedOutput';
import { promptRenderingOf, type PromptSettings } from './promptRendering';
import { saveRunCheckpoint } from './checkpointing';
import { sftWarmup } from './sftWarmup';
import { splitPools, type TrainingContext } from './trainingContext';

export interface InitPolicyInput {
  policy: RunConfig['policy'];
  seed: number | string;
  hyperparameters: Hyperparameters;
  maxPromptTokens: number;
  maxTokens: number;
  threads: number;
  /** A supervised warm-up on the dataset's training split before the first step. */
  sft?: RunConfig['sft'];
  datasetId: string;
  prompts?: PromptSettings;
  /** PPO's value head on the policy trunk (loss ppo): zeros, or a copy of a reward model's score head. */
  valueHead?: { source: 'zero' } | { source: 'rewardModel'; checkpoint: string };
}

export interface PolicyStart {
  checkpoint: string;
  /** The warm-up's loss per step, when there was one. */
  sftLosses?: number[];
  step: number;
  reference: string;
  hyperparameters: Hyperparameters;
  /** The method's schedule state, by method (`{lang: ...}`); empty before the schedule starts. */
  schedule: Record<string, unknown>;
}

/**
 * The run's step-0 checkpoint: a fresh model of a named size, or the weights of a stored checkpoint with fresh
 * optimizer moments (a new run that starts from another run's policy).
 */
export async function initPolicy(ctx: TrainingContext, input: InitPolicyInput): Promise<PolicyStart> {
  return committedOutput(ctx.store, 'initPolicy', input, async () => {
    let state: PolicyState;
    let parent: string | null = null;
    let huggingface: HuggingFaceFiles | undefined;
    if ('size' in input.policy) {
      state = PolicyState.init(modelOfSize(input.policy.size, { maxSeqLen: input.policy.maxSeqLen }), `${input.seed}/init`);
    } else if ('file' in input.policy) {
      // A file is on the machine that named it, not on the workers: the CLI imports it into the store first.
      throw new InputError(`policy.file ${input.policy.file}: start the run with drl run or drl demo, which import the file into the store as a checkpoint`);
    } else {
      const from = await readCheckpointManifest(ctx.store, input.policy.checkpoint);
      const { config, weights } = await ctx.policies.weights(from.id);
      state = PolicyState.fromWeights(config, weights);
      parent = from.id;
      huggingface = from.huggingface;
    }
    if (input.maxPromptTokens + input.maxTokens > state.config.maxSeqLen) {
      throw new InputError(`maxPromptTokens + maxTokens = ${input.maxPromptTokens + input.maxTokens} exceeds the model's maxSeqLen ${state.config.maxSeqLen}`);
    }
    // A named size reads bytes; a stored checkpoint its own tokenizer, checked against its embedding here, before any step.
    const rendering = parent === null ? { tokenizer: new ByteTokenizer() } : await promptRenderingOf(ctx, parent, input.prompts);
    let sftLosses: number[] | undefined;
    if (input.sft) {
      const activity = Context.current();
 const { task, episodes } = await ctx.dataset(input.datasetId);
      sftLosses = await sftWarmup(state, task, splitPools(episodes).train, rendering, { ...input, sft: input.sft }, (step, loss) => activity.heartbeat({ phase: 'sft', step, steps: input.sft!.steps, loss }));
      // RL starts with fresh optimizer moments: the warm-up's are statistics of another objective.
      state = PolicyState.fromWeights(state.config, state.weights);
    }
    if (input.valueHead) state = await withValueHead(ctx, state, input.valueHead);
    const run = { step: 0, parent, seed: input.seed, hyperparameters: input.hyperparameters, reference: null, schedule: {}, threads: input.threads, ...(huggingface ? { huggingface } : {}) };
    const checkpoint = await saveRunCheckpoint(ctx.store, state, run);
    ctx.policies.put(checkpoint, state);
    return { checkpoint, step: 0, reference: checkpoint, hyperparameters: input.hyperparameters, schedule: {}, sftLosses };
  });
}

/**
 * Where a run restarted with `--from-checkpoint` picks up: the checkpoint's step, hyperparameters in force, KL
 * reference and schedule state, exactly as the run that wrote it would have continued. Checkpoints written before
 * the schedule had its name (milestone 1) hold it as `recipe`.
 */
export async function resumePolicy(ctx: TrainingContext, input: { checkpoint: string }): Promise<PolicyStart> {
  const manifest = await readCheckpointManifest(ctx.store, input.checkpoint);
  const scheduler = manifest.scheduler as { hyperparameters?: Hyperparameters; reference?: string | null; schedule?: Record<string, unknown>; recipe?: Record<string, unknown> };
  if (!scheduler.hyperparameters) throw new InputError(`checkpoint ${manifest.id} was not written by a training run (no hyperparameters in its scheduler state)`);
  return {
    checkpoint: manifest.id,
    step: manifest.step,
    reference: scheduler.reference ?? manifest.id,
    hyperparameters: scheduler.hyperparameters,
    schedule: scheduler.schedule ?? scheduler.recipe ?? {},
  };
}

/**
 * The policy with a value head on its trunk (kept where it has one already). Zeros make V = 0 everywhere at the
 * start, so the first advantages are GAE of the rewards alone; a reward model's score head starts it where the
 * reward model's own trunk would read a score (InstructGPT initialises the value function from the reward model).
 */
async function withValueHead(ctx: TrainingContext, state: PolicyState, source: NonNullable<InitPolicyInput['valueHead']>): Promise<PolicyState> {
  if (state.config.scalarHead === 'value') return state;
  const { scalarHead: _, ...trunk } = state.config;
  const config = { ...trunk, scalarHead: 'value' as const };
  const weights = new Map([...state.weights].filter(([name]) => !name.endsWith('Head.weight')));
  let head = new Float32Array(config.dModel);
  if (source.source === 'rewardModel') {
    const rm = await ctx.policies.weights(source.checkpoint);
    const score = rm.weights.get(scalarHeadName('score'));
    if (!score) throw new InputError(`ppo.valueHead rewardModel: checkpoint ${source.checkpoint} has no score head`);
    if (score.length !== config.dModel) throw new InputError(`ppo.valueHead rewardModel: the reward model's score head is ${score.length} wide, the policy's trunk ${config.dModel}`);
    head = Float32Array.from(score);
  }
  weights.set(scalarHeadName('value'), head);
  return PolicyState.fromWeights(config, weights);
}
