import { InputError } from '../../core/errors';
import { scoreCompletions } from '../../engine/infer';
import { DEFAULT_ADAMW, groupAdvantages, policyUpdate, POLICY_LOSS_PRESETS, type AuxiliaryRows, type PolicyLossName, type PolicyRow, type PolicyState, type PolicyUpdateMetrics } from '../../engine/train';
import { methodNamed } from '../../recipes/methods';
import type { Hyperparameters } from '../../training/hyperparameters';
import { readCheckpointManifest } from '../../training/checkpointStore';
import type { RunConfig } from '../../training/runConfig';
import { readSamples } from '../chunkedWork';
import { committedOutput } from '../committedOutput';
import { heartbeatingWhile } from '../keepAlive';
import { engineFor } from '../sharedEngine';
import { saveRunCheckpoint } from './checkpointing';
import type { ScoredSample } from './rewardActivity';
import type { RolloutSample } from './rolloutActivity';
import type { TrainingContext } from './trainingContext';
import { promptRenderingOf, type PromptSettings } from './promptRendering';
import { episodesOf } from './rewardEpisodes';
import { isPpo, ppoUpdate } from './ppoUpdate';

export interface UpdateInput {
  checkpoint: string;
  reference: string;
  /** The run step this update completes: it reads checkpoint `step` and writes checkpoint `step + 1`. */
  step: number;
  seed: number | string;
  rollout: string;
  reward: string;
  loss: RunConfig['loss'];
  /** The KL estimator when the config names one; absent: the preset's. */
  klEstimator?: RunConfig['klEstimator'];
  groupSize: number;
  maxTokens: number;
  maxPromptTokens: number;
  microBatches: number;
  hyperparameters: Hyperparameters;
  /** The method's schedule state after this step, stored in the new checkpoint. */
  schedule: Record<string, unknown>;
  threads: number;
  /** PPO's settings (loss ppo only, so the inputs of every other loss are unchanged). */
  ppo?: NonNullable<RunConfig['ppo']>;
  /** A method that adds a loss on rows of its own (Method.auxiliary): which, with what its rows are made from. */
  auxiliary?: { datasetId: string; method: string; methodConfig?: unknown; prompts?: PromptSettings };
}

/** Only what the inputs decide: the output is committed, and a second attempt must write the same bytes. */
export interface UpdateMetrics extends PolicyUpdateMetrics {
  /** Monte-Carlo estimate: mean -log p of the sampled tokens. */
  entropy: number;
  /** Completion tokens in the step's rollout. */
  tokens: number;
  /** PPO's parts of the loss (loss ppo), of its last epoch. */
  ppo?: { policyLoss: number; valueLoss: number; valueClipFraction: number };
}

export interface UpdateResult {
  checkpoint: string;
  step: number;
  metrics: UpdateMetrics;
}

/**
 * One policy update from a scored rollout: group advantages, the clipped objective over fixed-length rows in
 * micro-batches (a heartbeat after each), one AdamW step, and checkpoint step+1 naming its parent. The result is
 * committed under a hash of this input, so a retry after a crash returns the committed checkpoint instead of
 * applying the step twice.
 */
export async function update(ctx: TrainingContext, input: UpdateInput): Promise<UpdateResult> {
  return committedOutput(ctx.store, 'update', input, (key) =>
    heartbeatingWhile<Record<string, unknown>, UpdateResult>({ phase: 'loading', step: input.step }, (report) =>
      isPpo(input) ? ppoUpdate(ctx, input, key, report) : updateOnce(ctx, input as UpdateInput & { loss: PolicyLossName }, report),
    ),
  );
}

/** The rollout's samples and their rewards, checked to be of the same samples in the same order. */
export async function scoredRollout(ctx: TrainingContext, input: Pick<UpdateInput, 'rollout' | 'reward'>): Promise<{ samples: RolloutSample[]; scores: ScoredSample[] }> {
  const [samples, scores] = await Promise.all([readSamples<RolloutSample>(ctx.store, input.rollout), readSamples<ScoredSample>(ctx.store, input.reward)]);
  if (scores.length !== samples.length || scores.some((s, i) => s.slot !== samples[i].slot || s.sampleIndex !== samples[i].sampleIndex)) {
    throw new InputError(`update: reward ${input.reward} does not score the samples of rollout ${input.rollout}`);
  }
  return { samples, scores };
}

async function updateOnce(ctx: TrainingContext, input: UpdateInput & { loss: PolicyLossName }, report: (progress: Record<string, unknown>) => void): Promise<UpdateResult> {
  const { samples, scores } = await scoredRollout(ctx, input);
  const preset = POLICY_LOSS_PRESETS[input.loss];
  const advantages = groupAdvantages(scores.map((s) => s.score), input.groupSize, { normalise: preset.normaliseAdvantages });
  const { tokenizer } = await ctx.policies.tokenizer(input.checkpoint);
  // Rollouts stored before prompts were kept as ids are of byte models, whose prompt was bos and the text's bytes.
  const rows: PolicyRow[] = samples.map((s, i) => ({ prompt: s.promptTokens ?? tokenizer.encode(s.prompt, { bos: true }), completion: s.tokens, logProbs: s.logProbs, advantages: advantages[i] }));
  const runner = engineFor(input.threads);
  const { hyperparameters: hp } = input;
  if (hp.klBeta > 0) {
    const reference = await ctx.policies.weights(input.reference);
    const refLogProbs = await scoreCompletions({ runner, ...reference }, rows, { padId: tokenizer.pad, temperature: hp.temperature });
    rows.forEach((row, i) => (row.refLogProbs = refLogProbs[i]));
  }
  const auxiliary = input.auxiliary && (await auxiliaryRows(ctx, input, input.auxiliary, samples));
  const state = await ctx.policies.take(input.checkpoint);
  const metrics = await policyUpdate(
    runner,
    state,
    rows,
    {
      loss: input.loss,
      ...(input.klEstimator ? { klEstimator: input.klEstimator } : {}),
      length: input.maxPromptTokens + input.maxTokens,
      microBatches: input.microBatches,
      epsLow: hp.epsLow,
      epsHigh: hp.epsHigh,
      klBeta: hp.klBeta,
      maxResponseLength: input.maxTokens,
      adamw: { ...DEFAULT_ADAMW, lr: hp.lr },
      padId: tokenizer.pad,
      ...(auxiliary ? { auxiliary } : {}),
    },
    (done) => report({ phase: 'training', step: input.step, microBatchesDone: done, microBatches: input.microBatches }),
  );
  return finishUpdate(ctx, input, state, metrics, samples);
}

/** Checkpoint step + 1 of the updated state, naming its parent, and the step's metrics with the rollout's entropy and tokens. */
export async function finishUpdate(ctx: TrainingContext, input: UpdateInput, state: PolicyState, metrics: PolicyUpdateMetrics, samples: readonly RolloutSample[], ppo?: UpdateMetrics['ppo']): Promise<UpdateResult> {
  const parent = await readCheckpointManifest(ctx.store, input.checkpoint);
  const checkpoint = await saveRunCheckpoint(ctx.store, state, {
    step: input.step + 1,
    parent: input.checkpoint,
    seed: input.seed,
    hyperparameters: input.hyperparameters,
    reference: input.reference,
    schedule: input.schedule,
    threads: input.threads,
    ...(parent.huggingface ? { huggingface: parent.huggingface } : {}),
  });
  ctx.policies.put(checkpoint, state);
  const tokens = samples.reduce((n, s) => n + s.tokens.length, 0);
  const entropy = tokens === 0 ? 0 : -samples.reduce((sum, s) => sum + s.logProbs.reduce((a, b) => a + b, 0), 0) / tokens;
  return { checkpoint, step: input.step + 1, metrics: { ...metrics, entropy, tokens, ...(ppo ? { ppo } : {}) } };
}

/**
 * The method's auxiliary rows for the step's records: one per prompt slot, in slot order (a record drawn into two
 * slots gives two rows), so every step has promptsPerStep of them and they split into the micro-batches.
 */
async function auxiliaryRows(ctx: TrainingContext, update: UpdateInput, input: NonNullable<UpdateInput['auxiliary']>, samples: readonly RolloutSample[]): Promise<AuxiliaryRows> {
  const method = methodNamed(input.method);
  if (!method.auxiliary) throw new InputError(`update: method ${input.method} adds no auxiliary loss`);
  const slots = new Map<number, RolloutSample>();
  for (const sample of samples) slots.set(sample.slot, sample);
  const bySlot = [...slots.keys()].sort((a, b) => a - b).map((slot) => slots.get(slot)!);
  const episodes = (await episodesOf(ctx, input.datasetId, update.rollout))(bySlot);
  const { task } = await ctx.dataset(input.datasetId);
  const rendering = await promptRenderingOf(ctx, update.checkpoint, input.prompts);
  return method.auxiliary({ episodes, task, rendering, config: input.methodConfig });
}
