import { InputError } from '../../core/errors';
import type { GraphRunner } from '../infer';
import type { ModelConfig } from '../model';
import type { HostTensors } from '../runtime';
import { parameterSpecs } from '../model';
import { AdamwSettings, PolicyState, scalar } from './policyState';
import { POLICY_LOSS_PRESETS, PolicyLossName } from './policyLossPresets';
import { sequenceBatch } from './sequenceBatch';
import { applyUpdateGraph, fusedTrainStepGraph, gradientAccumulationGraph } from './trainStepGraphs';
import { policyTrainLoss } from './trainLosses';

/** One sampled completion to learn from: its prompt and completion tokens and the sampler's log-probs. */
export interface PolicyRow {
  prompt: readonly number[];
  completion: readonly number[];
  /** log p_old of each completion token, as the sampler reported it. */
  logProbs: ArrayLike<number>;
  /** log p_ref of each completion token; needed when klBeta > 0. */
  refLogProbs?: ArrayLike<number>;
}

export interface PolicyUpdateSettings {
  loss: PolicyLossName;
  /** Every row is padded to this many tokens, so each step runs the same graphs. */
  length: number;
  /** Rows are split into this many equal micro-batches whose gradients are averaged before one AdamW step. */
  microBatches: number;
  epsLow: number;
  epsHigh: number;
  /** 0 drops the KL term (and the need for reference log-probs). */
  klBeta: number;
  /** Dr.GRPO's L_max: the configured maximum completion length. */
  maxResponseLength: number;
  adamw: AdamwSettings;
  padId: number;
}

export interface PolicyUpdateMetrics {
  /** Mean over micro-batches. */
  loss: number;
  clipFraction: number;
  kl: number;
  /** Before clipping. */
  gradNorm: number;
}

const graphCache = new Map<string, Uint8Array>();

function cachedGraph(key: string, build: () => Uint8Array): Uint8Array {
  let bytes = graphCache.get(key);
  if (!bytes) {
    bytes = build();
    graphCache.set(key, bytes);
  }
  return bytes;
}

/**
 * One policy-gradient update of `state` in place: the clipped objective of the loss preset over `rows` with their
 * advantages, as a single fused step or as gradient accumulation over micro-batches followed by one AdamW step.
 * `onMicroBatch` runs after each micro-batch (an activity heartbeats there).
 */
export async function policyUpdate(
  runner: GraphRunner,
  state: PolicyState,
  rows: readonly PolicyRow[],
  advantages: ArrayLike<number>,
  settings: PolicyUpdateSettings,
  onMicroBatch: (done: number) => void = () => {},
): Promise<PolicyUpdateMetrics> {
  const M = settings.microBatches;
  if (rows.length === 0 || rows.length % M !== 0) throw new InputError(`policy update: ${rows.length} rows do not split into ${M} equal micro-batches`);
  if (advantages.length !== rows.length) throw new InputError(`policy update: ${advantages.length} advantages for ${rows.length} rows`);
  const withKl = settings.klBeta > 0;
  if (withKl && rows.some((r) => !r.refLogProbs)) throw new InputError('policy update: klBeta > 0 needs reference log-probs for every row');
  const preset = POLICY_LOSS_PRESETS[settings.loss];
  const loss = policyTrainLoss(withKl ? `${settings.loss}-kl` : settings.loss, { aggregation: preset.aggregation, kl: withKl ? (('kl' in preset && preset.kl) || 'k3') : undefined });
  const B = rows.length / M;
  const { config } = state;
  const graphKey = `${JSON.stringify(config)}|${loss.name}|${B}|${settings.length}|${M}`;
  const feedsOf = (start: number): HostTensors => {
    const slice = rows.slice(start, start + B);
    const feeds: HostTensors = {
      ...sequenceBatch(slice.map((r) => ({ prompt: r.prompt, completion: r.completion })), settings.length, settings.padId, 'responseMask'),
      advantages: { dtype: 'float32', dims: [B], data: Float32Array.from({ length: B }, (_, i) => advantages[start + i]) },
      oldLogProbs: alignedLogProbs(slice, (r) => r.logProbs, settings.length),
      epsLow: scalar(settings.epsLow),
      epsHigh: scalar(settings.epsHigh),
    };
    if (withKl) {
      feeds.refLogProbs = alignedLogProbs(slice, (r) => r.refLogProbs!, settings.length);
      feeds.klBeta = scalar(settings.klBeta);
    }
    if (preset.aggregation === 'seq-mean-token-sum-norm') feeds.maxResponseLength = scalar(settings.maxResponseLength);
    return feeds;
  };
  const metricOf = (out: HostTensors, name: string) => (out[name] ? Number(out[name].data[0]) : 0);

  if (M === 1) {
    const step = cachedGraph(`fused|${graphKey}`, () => fusedTrainStepGraph(config, loss, B, settings.length, 'float32').toOnnxBytes());
    const out = await state.trainStep(runner, step, feedsOf(0), settings.adamw);
    onMicroBatch(1);
    return { loss: metricOf(out, 'loss'), clipFraction: metricOf(out, 'clipFraction'), kl: metricOf(out, 'kl'), gradNorm: metricOf(out, 'gradNorm') };
  }
  const accumulate = cachedGraph(`grad|${graphKey}`, () => gradientAccumulationGraph(config, loss, B, settings.length, 'float32').toOnnxBytes());
  const apply = cachedGraph(`apply|${JSON.stringify(config)}`, () => applyUpdateGraph(config, 'float32').toOnnxBytes());
  let grads = zeroGradients(config);
  const sums = { loss: 0, clipFraction: 0, kl: 0 };
  for (let m = 0; m < M; m++) {
    const feeds: HostTensors = { ...feedsOf(m * B), ...state.weightFeeds(), gradScale: scalar(1 / M) };
    for (const s of parameterSpecs(config)) feeds[`grad.${s.name}`] = { dtype: 'float32', dims: s.shape, data: grads.get(s.name)! };
    const out = await runner.run(accumulate, feeds);
    grads = new Map(parameterSpecs(config).map((s) => [s.name, out[`new.grad.${s.name}`].data as Float32Array]));
    for (const key of Object.keys(sums) as Array<keyof typeof sums>) sums[key] += metricOf(out, key) / M;
    onMicroBatch(m + 1);
  }
  const out = await state.applyGradients(runner, apply, grads, settings.adamw);
  return { ...sums, gradNorm: metricOf(out, 'gradNorm') };
}

function zeroGradients(config: ModelConfig): Map<string, Float32Array> {
  return new Map(parameterSpecs(config).map((s) => [s.name, new Float32Array(s.shape.reduce((p, q) => p * q, 1))]));
}

/** Per-token log-probs placed in the columns that predict them (as sequenceBatch lays rows out). */
function alignedLogProbs<R extends { prompt: readonly number[] }>(rows: readonly R[], logProbsOf: (row: R) => ArrayLike<number>, length: number): HostTensors[string] {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, b) => Array.from(logProbsOf(row)).forEach((lp, j) => (data[b * length + row.prompt.length - 1 + j] = lp)));
  return { dtype: 'float32', dims: [rows.length, length], data };
}
