/**
 * A PPO step (InstructGPT): per-token rewards -klBeta (logp - logp_ref) with the reward on the last response token,
 * GAE on the host, then `epochs` passes of the clipped policy and value losses over the rollout. What GAE made of
 * the rollout is committed before the first epoch (`ppo.json`, for the audit), and each epoch's state after it, so
 * a worker killed in epoch e resumes at epoch e.
 */
import { InputError } from '../../core/errors';
import { loadCheckpoint, saveCheckpoint, type CheckpointManifest } from '../../engine/io/checkpoint';
import { scoreCompletions, weightFeeds } from '../../engine/infer';
import { DEFAULT_ADAMW, PolicyState, completionValues, generalizedAdvantages, ppoEpoch, ppoTokenRewards, type PpoEpochMetrics, type PpoRow } from '../../engine/train';
import { provenance } from '../../training/provenance';
import { engineFor } from '../sharedEngine';
import type { TrainingContext } from './trainingContext';
import { finishUpdate, scoredRollout, type UpdateInput, type UpdateResult } from './updateActivity';

type PpoInput = UpdateInput & { loss: 'ppo' };

export function isPpo(input: UpdateInput): input is PpoInput {
  return input.loss === 'ppo';
}

/** What GAE made of each sample, in rollout order: every array has one value per completion token. */
export interface PpoSampleRecord {
  slot: number;
  sampleIndex: number;
  /** The sample's reward (the sum of the run's reward terms), paid on its last token. */
  score: number;
  refLogProbs: number[];
  values: number[];
  rewards: number[];
  advantages: number[];
  returns: number[];
}

/** What an update made of its rollout, with what it was made from, so an audit can redo it by hand. */
export interface PpoRecord {
  rollout: string;
  reward: string;
  /** The KL reference policy (the run's step-0 checkpoint). */
  reference: string;
  klBeta: number;
  gamma: number;
  lambda: number;
  samples: PpoSampleRecord[];
}

export const ppoRecordKey = (updateKey: string): string => `${updateKey}/ppo.json`;
const epochKey = (updateKey: string, epoch: number): string => `${updateKey}/epoch-${epoch}.json`;

interface EpochRecord {
  state: CheckpointManifest;
  metrics: PpoEpochMetrics;
}

export async function ppoUpdate(ctx: TrainingContext, input: PpoInput, key: string, report: (progress: Record<string, unknown>) => void): Promise<UpdateResult> {
  const settings = input.ppo;
  if (!settings) throw new InputError('update: loss ppo needs its settings (ppo: in the run config)');
  const { samples, scores } = await scoredRollout(ctx, input);
  const { tokenizer } = await ctx.policies.tokenizer(input.checkpoint);
  const base = samples.map((s) => ({ prompt: s.promptTokens ?? tokenizer.encode(s.prompt, { bos: true }), completion: s.tokens, logProbs: s.logProbs }));
  const length = input.maxPromptTokens + input.maxTokens;
  const runner = engineFor(input.threads);
  const hp = input.hyperparameters;

  let records = await ctx.store.getManifest<PpoRecord>(ppoRecordKey(key));
  if (!records) {
    report({ phase: 'advantages', step: input.step });
    const reference = await ctx.policies.weights(input.reference);
    const refLogProbs = hp.klBeta > 0 ? await scoreCompletions({ runner, ...reference }, base, { padId: tokenizer.pad, temperature: hp.temperature }) : base.map((row) => new Float64Array(row.completion.length));
    const policy = await ctx.policies.weights(input.checkpoint);
    const values = await completionValues(runner, policy.config, weightFeeds({ runner, ...policy }).feeds, base, length, tokenizer.pad);
    records = {
      rollout: input.rollout,
      reward: input.reward,
      reference: input.reference,
      klBeta: hp.klBeta,
      gamma: settings.gamma,
      lambda: settings.lambda,
      samples: base.map((row, i) => {
        const n = row.completion.length;
        const ones = new Float64Array(n).fill(1);
        // Float32 as the graphs hold them, so the record is what the update fed.
        const ref = Array.from(refLogProbs[i], Math.fround);
        const rewards = ppoTokenRewards({ seqLen: n, mask: ones, logProbs: row.logProbs, refLogProbs: ref, scores: [scores[i].score], klBeta: hp.klBeta });
        const gae = generalizedAdvantages({ seqLen: n, mask: ones, rewards, values: values[i], gamma: settings.gamma, lambda: settings.lambda });
        const list = (a: ArrayLike<number>) => Array.from(a, Math.fround);
        return { slot: samples[i].slot, sampleIndex: samples[i].sampleIndex, score: scores[i].score, refLogProbs: ref, values: list(values[i]), rewards: list(rewards), advantages: list(gae.advantages), returns: list(gae.returns) };
      }),
    };
    await ctx.store.putManifest(ppoRecordKey(key), records);
  }
  const rows: PpoRow[] = base.map((row, i) => ({ ...row, advantages: records.samples[i].advantages, returns: records.samples[i].returns, oldValues: records.samples[i].values }));

  const resumed = await lastCommittedEpoch(ctx, key, settings.epochs);
  const state = resumed ? await stateOf(ctx, resumed.record.state) : await ctx.policies.take(input.checkpoint);
  let metrics = resumed?.record.metrics;
  for (let epoch = resumed ? resumed.epoch + 1 : 0; epoch < settings.epochs; epoch++) {
    metrics = await ppoEpoch(
      runner,
      state,
      rows,
      { length, minibatches: settings.minibatches, clipRange: hp.epsLow, valueClipRange: settings.valueClipRange, valueCoef: settings.valueCoef, adamw: { ...DEFAULT_ADAMW, lr: hp.lr }, padId: tokenizer.pad },
      (done) => report({ phase: 'training', step: input.step, epoch: epoch + 1, epochs: settings.epochs, minibatchesDone: done, minibatches: settings.minibatches }),
    );
    await ctx.store.putManifest(epochKey(key, epoch), { state: await epochState(ctx, state, input), metrics } satisfies EpochRecord);
  }
  // The rollout's KL to the reference, per token (k1 on the sampled tokens): what the per-token reward charged.
  const tokens = records.samples.reduce((n, r) => n + r.refLogProbs.length, 0);
  const kl = records.samples.reduce((sum, r, i) => sum + r.refLogProbs.reduce((s, ref, t) => s + base[i].logProbs[t] - ref, 0), 0) / Math.max(tokens, 1);
  const { loss, clipFraction, gradNorm, policyLoss, valueLoss, valueClipFraction } = metrics!;
  return finishUpdate(ctx, input, state, { loss, clipFraction, kl, gradNorm }, samples, { policyLoss, valueLoss, valueClipFraction });
}

async function lastCommittedEpoch(ctx: TrainingContext, key: string, epochs: number): Promise<{ epoch: number; record: EpochRecord } | undefined> {
  for (let epoch = epochs - 1; epoch >= 0; epoch--) {
    const record = await ctx.store.getManifest<EpochRecord>(epochKey(key, epoch));
    if (record) return { epoch, record };
  }
  return undefined;
}

/** An epoch's weights and moments, stored as a checkpoint manifest of its own (not on the run's chain). */
async function epochState(ctx: TrainingContext, state: PolicyState, input: PpoInput): Promise<CheckpointManifest> {
  return saveCheckpoint(
    ctx.store,
    { step: input.step, parent: input.checkpoint, model: state.config, rng: { seed: input.seed, step: input.step }, scheduler: {}, producedBy: provenance(input.threads), optimizer: { kind: 'adamw', state: { step: state.step }, tensors: state.moments() } },
    state.namedWeights(),
  );
}

async function stateOf(ctx: TrainingContext, manifest: CheckpointManifest): Promise<PolicyState> {
  const loaded = await loadCheckpoint(ctx.store, manifest);
  const f32 = (m: Map<string, Float32Array | Float64Array>) => new Map([...m].map(([name, data]) => [name, Float32Array.from(data)]));
  return PolicyState.restore(loaded.model, f32(loaded.weights), f32(loaded.optimizerTensors), Number((manifest.optimizer?.state as { step?: number }).step ?? 0));
}
