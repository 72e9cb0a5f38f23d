/*
 * A frozen copy of the policy update as it was before advantages became per-token (commit ad84861): advantages [B],
 * one per sequence, broadcast over the sequence's tokens in the graph. policyUpdate.test runs it next to today's
 * policyUpdate and compares every byte of the result, so the per-token path provably changed nothing for
 * per-sequence advantages. Test code only; do not fix engine bugs here.
 */
import { InputError } from '../../core/errors';
import { Tensor, add, cast, clip, div, exp, less, max, min, mul, neg, reduceSum, sub, unsqueeze } from '../../engine/graph';
import type { GraphRunner } from '../../engine/infer';
import type { HostTensors } from '../../engine/runtime';
import {
  Aggregation, KlEstimator, POLICY_LOSS_PRESETS, PolicyState, PolicyUpdateMetrics, PolicyUpdateSettings, TrainLoss, aggregateTokenLosses, applyUpdateGraph, fusedTrainStepGraph,
  bucketFeeds, bucketsOf, gradientAccumulationGraph, klEstimate, parameterLayout, sequenceBatch, tokenLogProbs,
} from '../../engine/train';
import { scalar } from '../../engine/train/policyState';

interface PerSequenceRow {
  prompt: readonly number[];
  completion: readonly number[];
  logProbs: ArrayLike<number>;
  refLogProbs?: ArrayLike<number>;
}

function perSequenceClippedLoss(
  x: { logProbs: Tensor; oldLogProbs: Tensor; advantages: Tensor; mask: Tensor; refLogProbs?: Tensor },
  s: { epsLow: Tensor; epsHigh: Tensor; aggregation: Aggregation; kl?: { estimator: KlEstimator; beta: Tensor }; maxResponseLength?: Tensor },
): { loss: Tensor; clipFraction: Tensor; kl?: Tensor } {
  const advantage = unsqueeze(x.advantages, [1]);
  const rho = exp(mul(sub(x.logProbs, x.oldLogProbs), x.mask));
  const unclipped = mul(rho, advantage);
  const clipped = mul(clip(rho, sub(1, s.epsLow), add(1, s.epsHigh)), advantage);
  let tokenLosses = neg(min(unclipped, clipped));
  const tokens = max(reduceSum(x.mask, [0, 1]), 1);
  const tokenMean = (t: Tensor): Tensor => div(reduceSum(mul(t, x.mask), [0, 1]), tokens);
  const out: { loss: Tensor; clipFraction: Tensor; kl?: Tensor } = { loss: tokenLosses, clipFraction: tokenMean(cast(less(clipped, unclipped), rho.dtype)) };
  if (s.kl) {
    const kl = klEstimate(mul(sub(x.refLogProbs!, x.logProbs), x.mask), s.kl.estimator);
    tokenLosses = add(tokenLosses, mul(kl, s.kl.beta));
    out.kl = tokenMean(kl);
  }
  out.loss = aggregateTokenLosses(tokenLosses, x.mask, s.aggregation, s.maxResponseLength);
  return out;
}

function perSequenceTrainLoss(name: string, aggregation: Aggregation, kl: KlEstimator | undefined): TrainLoss {
  return {
    name,
    declare(g, B, T, dtype) {
      const perToken = (n: string): Tensor => g.input(n, dtype, [B, T]);
      const scalarInput = (n: string): Tensor => g.input(n, dtype, []);
      const targets = g.input('targets', 'int64', [B, T]);
      const mask = perToken('responseMask');
      const advantages = g.input('advantages', dtype, [B]);
      const oldLogProbs = perToken('oldLogProbs');
      const refLogProbs = kl ? perToken('refLogProbs') : undefined;
      const settings = {
        epsLow: scalarInput('epsLow'),
        epsHigh: scalarInput('epsHigh'),
        aggregation,
        kl: kl ? { estimator: kl, beta: scalarInput('klBeta') } : undefined,
        maxResponseLength: aggregation === 'seq-mean-token-sum-norm' ? scalarInput('maxResponseLength') : undefined,
      };
      return ({ logits }) => {
        const { loss, clipFraction, kl: klMean } = perSequenceClippedLoss({ logProbs: tokenLogProbs(logits, targets), oldLogProbs, advantages, mask, refLogProbs }, settings);
        const metrics: Record<string, Tensor> = { clipFraction };
        if (klMean) metrics.kl = klMean;
        return { loss, metrics };
      };
    },
  };
}

function alignedLogProbs(rows: readonly PerSequenceRow[], logProbsOf: (row: PerSequenceRow) => ArrayLike<number>, length: number): HostTensors[string] {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, b) => Array.from(logProbsOf(row)).forEach((lp, j) => (data[b * length + row.prompt.length - 1 + j] = lp)));
  return { dtype: 'float32', dims: [rows.length, length], data };
}

/** The update as it was: per-sequence `advantages` beside the rows, the preset's KL estimator or k3. */
export async function perSequencePolicyUpdate(
  runner: GraphRunner,
  state: PolicyState,
  rows: readonly PerSequenceRow[],
  advantages: ArrayLike<number>,
  settings: PolicyUpdateSettings,
): Promise<PolicyUpdateMetrics> {
  const M = settings.microBatches;
  if (rows.length === 0 || rows.length % M !== 0) throw new InputError(`policy update: ${rows.length} rows do not split into ${M} equal micro-batches`);
  const withKl = settings.klBeta > 0;
  const preset = POLICY_LOSS_PRESETS[settings.loss];
  const loss = perSequenceTrainLoss(`frozen-${settings.loss}${withKl ? '-kl' : ''}`, preset.aggregation, withKl ? ('kl' in preset && preset.kl) || 'k3' : undefined);
  const B = rows.length / M;
  const { config } = state;
  const feedsOf = (start: number): HostTensors => {
    const slice = rows.slice(start, start + B);
    const feeds: HostTensors = {
      ...sequenceBatch(slice, settings.length, settings.padId, 'responseMask'),
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
    const step = fusedTrainStepGraph(config, loss, B, settings.length, 'float32').toOnnxBytes();
    const out = await state.trainStep(runner, step, feedsOf(0), settings.adamw);
    return { loss: metricOf(out, 'loss'), clipFraction: metricOf(out, 'clipFraction'), kl: metricOf(out, 'kl'), gradNorm: metricOf(out, 'gradNorm') };
  }
  const accumulate = gradientAccumulationGraph(config, loss, B, settings.length, 'float32').toOnnxBytes();
  const apply = applyUpdateGraph(config, 'float32').toOnnxBytes();
  let grads = state.zeroGradients();
  const sums = { loss: 0, clipFraction: 0, kl: 0 };
  for (let m = 0; m < M; m++) {
    const out = await runner.run(accumulate, { ...feedsOf(m * B), ...state.paramsFeed(), ...bucketFeeds('grad', grads), gradScale: scalar(1 / M) });
    grads = bucketsOf<Float32Array>(parameterLayout(config), out, 'new.grad');
    for (const key of Object.keys(sums) as Array<keyof typeof sums>) sums[key] += metricOf(out, key) / M;
  }
  const out = await state.applyGradients(runner, apply, grads, settings.adamw);
  return { ...sums, gradNorm: metricOf(out, 'gradNorm') };
}
