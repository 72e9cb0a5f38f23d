import { gradients } from '../autodiff';
import { DType, Graph, Tensor, add, concat, mul, reshape, split } from '../graph';
import { ModelConfig, transformer } from '../model';
import { ADAMW_HYPERPARAMETERS, AdamwHyper, adamwStep } from './adamw';
import { ParameterLayout, bucketName, parameterLayout } from './parameterLayout';
import { LossOutputs, TrainLoss, modelOutputs, sftTrainLoss } from './trainLosses';

/*
 * Three graphs over the same weights. A step with several micro-batches runs the gradient graph once per
 * micro-batch, threading `grad` through, then the apply graph once; a step with one micro-batch runs the fused
 * graph, which saves a round trip of the gradients through the host.
 *
 * Weights, AdamW moments and gradients come in the buckets of parameterLayout, one flat vector per bucket: inputs
 * `params.k`, `m.k`, `v.k`, `grad.k` and outputs `new.params.k`, ... for each bucket k. The forward cuts the weights
 * out of their buckets, the gradients are joined into theirs, and clipping and AdamW run on the buckets.
 */

/** Graph inputs `vector.k`, one flat vector per bucket. */
export function declareBuckets(g: Graph, layout: ParameterLayout, dtype: DType, vector: string, parameter = false): Tensor[] {
  return layout.buckets.map((b, k) => g.input(bucketName(vector, k), dtype, [b.size], { parameter }));
}

/** Each parameter cut out of its bucket in its own shape. */
export function parametersOfBuckets(buckets: readonly Tensor[], layout: ParameterLayout): Tensor[] {
  return layout.buckets.flatMap((b, k) => {
    const pieces = b.parameters.length === 1 ? [buckets[k]] : split(buckets[k], b.parameters.map((i) => layout.sizes[i]), 0);
    return pieces.map((t, j) => reshape(t, layout.specs[b.parameters[j]].shape));
  });
}

/** One flat vector per bucket of the per-parameter tensors (gradients). */
export function bucketsOfParameters(tensors: readonly Tensor[], layout: ParameterLayout): Tensor[] {
  return layout.buckets.map((b) => {
    const flat = b.parameters.map((i) => reshape(tensors[i], [-1]));
    return flat.length === 1 ? flat[0] : concat(flat, 0);
  });
}

function declareAdamwHyper(g: Graph, dtype: DType): AdamwHyper {
  return Object.fromEntries(ADAMW_HYPERPARAMETERS.map((n) => [n, g.input(n, dtype, [])])) as unknown as AdamwHyper;
}

/** Declares tokens [B, T] int64 and attentionMask [B, T] bool plus the loss's inputs; returns the loss of the model. */
function modelLoss(g: Graph, config: ModelConfig, loss: TrainLoss, layout: ParameterLayout, weights: Tensor[], batch: number, seqLen: number, dtype: DType): LossOutputs {
  const tokens = g.input('tokens', 'int64', [batch, seqLen]);
  const attentionMask = g.input('attentionMask', 'bool', [batch, seqLen]);
  const lossOf = loss.declare(g, batch, seqLen, dtype);
  const named = Object.fromEntries(layout.specs.map((s, i) => [s.name, weights[i]]));
  return lossOf(modelOutputs(config, transformer(config, named, { tokens, attentionMask }), attentionMask));
}

function outputLoss(g: Graph, out: LossOutputs): void {
  g.output(out.loss, 'loss');
  for (const [name, t] of Object.entries(out.metrics)) g.output(t, name);
}

/** Clipping and AdamW over the buckets; outputs gradNorm (before clipping) and each bucket's `new.params.k`, `new.m.k`, `new.v.k`. */
function outputAdamw(g: Graph, state: { params: Tensor[]; grads: Tensor[]; m: Tensor[]; v: Tensor[] }, hyper: AdamwHyper): void {
  const next = adamwStep(state, hyper);
  g.output(next.gradNorm, 'gradNorm');
  state.params.forEach((_, k) => {
    g.output(next.params[k], bucketName('new.params', k));
    g.output(next.m[k], bucketName('new.m', k));
    g.output(next.v[k], bucketName('new.v', k));
  });
}

/**
 * Forward and backward of one micro-batch, added into accumulated gradients. Inputs: `params.k`, `grad.k`, the
 * scalar gradScale (this micro-batch's share of the step's loss, e.g. 1 / micro-batches), tokens, attentionMask and
 * the loss's inputs. Outputs: loss, the loss's metrics, `new.grad.k` = grad.k + gradScale * dLoss/dparams.k.
 */
export function gradientAccumulationGraph(config: ModelConfig, loss: TrainLoss, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  const g = new Graph(`${loss.name}-gradient-accumulation`);
  const layout = parameterLayout(config);
  const params = declareBuckets(g, layout, dtype, 'params', true);
  const accumulated = declareBuckets(g, layout, dtype, 'grad');
  const gradScale = g.input('gradScale', dtype, []);
  const weights = parametersOfBuckets(params, layout);
  const out = modelLoss(g, config, loss, layout, weights, batch, seqLen, dtype);
  outputLoss(g, out);
  bucketsOfParameters(gradients(out.loss, weights), layout).forEach((d, k) => g.output(add(accumulated[k], mul(d, gradScale)), bucketName('new.grad', k)));
  return g;
}

/**
 * Global-norm clipping and AdamW on accumulated gradients. Inputs: `params.k`, `m.k`, `v.k`, `grad.k`, the AdamW
 * hyperparameters (scalars). Outputs: gradNorm (before clipping), `new.params.k`, `new.m.k`, `new.v.k`.
 */
export function applyUpdateGraph(config: ModelConfig, dtype: DType = 'float32'): Graph {
  const g = new Graph('apply-update');
  const layout = parameterLayout(config);
  const params = declareBuckets(g, layout, dtype, 'params', true);
  const [m, v, grads] = ['m', 'v', 'grad'].map((vector) => declareBuckets(g, layout, dtype, vector));
  outputAdamw(g, { params, grads, m, v }, declareAdamwHyper(g, dtype));
  return g;
}

/**
 * The fused train step for one micro-batch: forward, loss, backward, clipping and AdamW. Inputs: `params.k`, `m.k`,
 * `v.k`, the AdamW hyperparameters, tokens, attentionMask and the loss's inputs. Outputs: loss, metrics, gradNorm,
 * `new.params.k`, `new.m.k`, `new.v.k`.
 */
export function fusedTrainStepGraph(config: ModelConfig, loss: TrainLoss, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  const g = new Graph(`${loss.name}-train-step`);
  const layout = parameterLayout(config);
  const params = declareBuckets(g, layout, dtype, 'params', true);
  const [m, v] = ['m', 'v'].map((vector) => declareBuckets(g, layout, dtype, vector));
  const hyper = declareAdamwHyper(g, dtype);
  const weights = parametersOfBuckets(params, layout);
  const out = modelLoss(g, config, loss, layout, weights, batch, seqLen, dtype);
  outputLoss(g, out);
  outputAdamw(g, { params, grads: bucketsOfParameters(gradients(out.loss, weights), layout), m, v }, hyper);
  return g;
}

/** The fused step with the SFT loss (inputs targets and targetMask). */
export function sftTrainStepGraph(config: ModelConfig, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  return fusedTrainStepGraph(config, sftTrainLoss, batch, seqLen, dtype);
}
