import { InputError } from '../../core/errors';
import type { GraphRunner } from '../infer';
import type { HostTensors } from '../runtime';
import { AUXILIARY_LOSSES, AuxiliaryRows, appendAuxiliaryRows, checkAuxiliaryRows } from './auxiliaryLosses';
import { KL_ESTIMATORS, KlEstimator } from './klEstimators';
import { bucketFeeds, bucketsOf, parameterLayout } from './parameterLayout';
import { PolicyRow, checkPolicyRows, policyBatch } from './policyBatch';
import { AdamwSettings, PolicyState, scalar } from './policyState';
import { POLICY_LOSS_PRESETS, PolicyLossName } from './policyLossPresets';
import { applyUpdateGraph, fusedTrainStepGraph, gradientAccumulationGraph } from './trainStepGraphs';
import { policyTrainLoss } from './trainLosses';
import { withAuxiliary } from './withAuxiliary';

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
  /** The KL term's estimator, over the preset's (k3 for a preset without one). */
  klEstimator?: KlEstimator;
  /** Dr.GRPO's L_max: the configured maximum completion length. */
  maxResponseLength: number;
  adamw: AdamwSettings;
  padId: number;
  /** Rows of an auxiliary loss (AUXILIARY_LOSSES) added to the objective with a weight. */
  auxiliary?: AuxiliaryRows;
}

export interface PolicyUpdateMetrics {
  /** The objective, the weighted auxiliary loss included; mean over micro-batches. */
  loss: number;
  clipFraction: number;
  kl: number;
  /** Before clipping. */
  gradNorm: number;
  /** With settings.auxiliary: that loss's metrics (unweighted), mean over micro-batches. */
  auxiliary?: Record<string, number>;
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

/** The KL term's estimator, or undefined without one (klBeta 0). */
function klEstimatorOf(settings: PolicyUpdateSettings): KlEstimator | undefined {
  const chosen = settings.klEstimator;
  if (chosen !== undefined && !KL_ESTIMATORS.includes(chosen)) throw new InputError(`policy update: klEstimator must be one of ${KL_ESTIMATORS.join(', ')}, got ${JSON.stringify(chosen)}`);
  if (!(settings.klBeta > 0)) return undefined;
  const preset = POLICY_LOSS_PRESETS[settings.loss];
  return chosen ?? (('kl' in preset && preset.kl) || 'k3');
}

function microBatchSize(count: number, M: number, what: string): number {
  if (count === 0 || count % M !== 0) throw new InputError(`policy update: ${count} ${what} do not split into ${M} equal micro-batches`);
  return count / M;
}

/**
 * One policy-gradient update of `state` in place: the clipped objective of the loss preset over `rows` with their
 * advantages (plus a weighted auxiliary loss on its own rows), as a single fused step or as gradient accumulation
 * over micro-batches followed by one AdamW step. `onMicroBatch` runs after each micro-batch (an activity heartbeats there).
 */
export async function policyUpdate(
  runner: GraphRunner,
  state: PolicyState,
  rows: readonly PolicyRow[],
  settings: PolicyUpdateSettings,
  onMicroBatch: (done: number) => void = () => {},
): Promise<PolicyUpdateMetrics> {
  const M = settings.microBatches;
  const { config } = state;
  const B = microBatchSize(rows.length, M, 'rows');
  const kl = klEstimatorOf(settings);
  checkPolicyRows(rows, kl !== undefined);
  const { auxiliary } = settings;
  const C = auxiliary ? microBatchSize(auxiliary.rows.length, M, `auxiliary ${auxiliary.loss} rows`) : 0;
  if (auxiliary) checkAuxiliaryRows(auxiliary, settings.length, config.vocabSize);
  const preset = POLICY_LOSS_PRESETS[settings.loss];
  const policyLoss = policyTrainLoss(kl ? `${settings.loss}-kl-${kl}` : settings.loss, { aggregation: preset.aggregation, kl });
  const loss = auxiliary ? withAuxiliary(`${policyLoss.name}+${auxiliary.loss}`, policyLoss, AUXILIARY_LOSSES[auxiliary.loss].loss, C) : policyLoss;
  const graphKey = `${JSON.stringify(config)}|${loss.name}|${B}+${C}|${settings.length}|${M}`;
  const feedsOf = (m: number): HostTensors => {
    const feeds: HostTensors = {
      ...policyBatch(rows.slice(m * B, (m + 1) * B), settings.length, settings.padId, kl !== undefined),
      epsLow: scalar(settings.epsLow),
      epsHigh: scalar(settings.epsHigh),
    };
    if (kl) feeds.klBeta = scalar(settings.klBeta);
    if (preset.aggregation === 'seq-mean-token-sum-norm') feeds.maxResponseLength = scalar(settings.maxResponseLength);
    return auxiliary ? appendAuxiliaryRows(feeds, auxiliary, auxiliary.rows.slice(m * C, (m + 1) * C), settings.padId) : feeds;
  };
  const metricOf = (out: HostTensors, name: string) => (out[name] ? Number(out[name].data[0]) : 0);
  const auxiliaryNames = auxiliary ? AUXILIARY_LOSSES[auxiliary.loss].metrics : [];
  const withAuxiliaryMetrics = (metrics: PolicyUpdateMetrics, values: (name: string) => number): PolicyUpdateMetrics =>
    auxiliary ? { ...metrics, auxiliary: Object.fromEntries(auxiliaryNames.map((name) => [name, values(name)])) } : metrics;

  if (M === 1) {
    const step = cachedGraph(`fused|${graphKey}`, () => fusedTrainStepGraph(config, loss, B + C, settings.length, 'float32').toOnnxBytes());
    const out = await state.trainStep(runner, step, feedsOf(0), settings.adamw);
    onMicroBatch(1);
    const metrics = { loss: metricOf(out, 'loss'), clipFraction: metricOf(out, 'clipFraction'), kl: metricOf(out, 'kl'), gradNorm: metricOf(out, 'gradNorm') };
    return withAuxiliaryMetrics(metrics, (name) => metricOf(out, name));
  }
  const accumulate = cachedGraph(`grad|${graphKey}`, () => gradientAccumulationGraph(config, loss, B + C, settings.length, 'float32').toOnnxBytes());
  const apply = cachedGraph(`apply|${JSON.stringify(config)}`, () => applyUpdateGraph(config, 'float32').toOnnxBytes());
  let grads = state.zeroGradients();
  const sums: Record<string, number> = Object.fromEntries(['loss', 'clipFraction', 'kl', ...auxiliaryNames].map((name) => [name, 0]));
  for (let m = 0; m < M; m++) {
    const out = await runner.run(accumulate, { ...feedsOf(m), ...state.paramsFeed(), ...bucketFeeds('grad', grads), gradScale: scalar(1 / M) });
    grads = bucketsOf<Float32Array>(parameterLayout(config), out, 'new.grad');
    for (const key of Object.keys(sums)) sums[key] += metricOf(out, key) / M;
    onMicroBatch(m + 1);
  }
  const out = await state.applyGradients(runner, apply, grads, settings.adamw);
  return withAuxiliaryMetrics({ loss: sums.loss, clipFraction: sums.clipFraction, kl: sums.kl, gradNorm: metricOf(out, 'gradNorm') }, (name) => sums[name]);
}
