import { gradients } from '../autodiff';
import { DType, Graph, Tensor, add, mul } from '../graph';
import { ModelConfig, parameterSpecs, transformer } from '../model';
import { ADAMW_HYPERPARAMETERS, AdamwHyper, adamwStep } from './adamw';
import { LossOutputs, TrainLoss, modelOutputs, sftTrainLoss } from './trainLosses';

/*
 * Three graphs over the same weights. A step with several micro-batches runs the gradient graph once per
 * micro-batch, threading `grad.W` through, then the apply graph once; a step with one micro-batch runs the fused
 * graph, which saves a round trip of every gradient through the host.
 */

function declareWeights(g: Graph, config: ModelConfig, dtype: DType, prefix = '', parameter = false): Tensor[] {
  return parameterSpecs(config).map((s) => g.input(`${prefix}${s.name}`, dtype, s.shape, { parameter }));
}

function declareAdamwHyper(g: Graph, dtype: DType): AdamwHyper {
  return Object.fromEntries(ADAMW_HYPERPARAMETERS.map((n) => [n, g.input(n, dtype, [])])) as unknown as AdamwHyper;
}

/** Declares tokens [B, T] int64 and attentionMask [B, T] bool plus the loss's inputs; returns the loss of the model. */
function modelLoss(g: Graph, config: ModelConfig, loss: TrainLoss, params: Tensor[], batch: number, seqLen: number, dtype: DType): LossOutputs {
  const tokens = g.input('tokens', 'int64', [batch, seqLen]);
  const attentionMask = g.input('attentionMask', 'bool', [batch, seqLen]);
  const lossOf = loss.declare(g, batch, seqLen, dtype);
  const weights = Object.fromEntries(parameterSpecs(config).map((s, i) => [s.name, params[i]]));
  return lossOf(modelOutputs(config, transformer(config, weights, { tokens, attentionMask }), attentionMask));
}

function outputLoss(g: Graph, out: LossOutputs): void {
  g.output(out.loss, 'loss');
  for (const [name, t] of Object.entries(out.metrics)) g.output(t, name);
}

function outputAdamw(g: Graph, config: ModelConfig, next: ReturnType<typeof adamwStep>): void {
  g.output(next.gradNorm, 'gradNorm');
  parameterSpecs(config).forEach((s, i) => {
    g.output(next.params[i], `new.${s.name}`);
    g.output(next.m[i], `new.m.${s.name}`);
    g.output(next.v[i], `new.v.${s.name}`);
  });
}

/**
 * Forward and backward of one micro-batch, added into accumulated gradients. Inputs: every weight W, `grad.W`, the
 * scalar gradScale (this micro-batch's share of the step's loss, e.g. 1 / micro-batches), tokens, attentionMask and
 * the loss's inputs. Outputs: loss, the loss's metrics, `new.grad.W` = grad.W + gradScale * dLoss/dW.
 */
export function gradientAccumulationGraph(config: ModelConfig, loss: TrainLoss, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  const g = new Graph(`${loss.name}-gradient-accumulation`);
  const params = declareWeights(g, config, dtype, '', true);
  const accumulated = declareWeights(g, config, dtype, 'grad.');
  const gradScale = g.input('gradScale', dtype, []);
  const out = modelLoss(g, config, loss, params, batch, seqLen, dtype);
  outputLoss(g, out);
  gradients(out.loss, params).forEach((d, i) => g.output(add(accumulated[i], mul(d, gradScale)), `new.grad.${parameterSpecs(config)[i].name}`));
  return g;
}

/**
 * Global-norm clipping and AdamW on accumulated gradients. Inputs: W, `m.W`, `v.W`, `grad.W`, the AdamW
 * hyperparameters (scalars). Outputs: gradNorm (before clipping), `new.W`, `new.m.W`, `new.v.W`.
 */
export function applyUpdateGraph(config: ModelConfig, dtype: DType = 'float32'): Graph {
  const g = new Graph('apply-update');
  const params = declareWeights(g, config, dtype, '', true);
  const [m, v, grads] = ['m.', 'v.', 'grad.'].map((prefix) => declareWeights(g, config, dtype, prefix));
  outputAdamw(g, config, adamwStep({ params, grads, m, v }, declareAdamwHyper(g, dtype)));
  return g;
}

/**
 * The fused train step for one micro-batch: forward, loss, backward, clipping and AdamW. Inputs: W, `m.W`, `v.W`,
 * the AdamW hyperparameters, tokens, attentionMask and the loss's inputs. Outputs: loss, metrics, gradNorm,
 * `new.W`, `new.m.W`, `new.v.W`.
 */
export function fusedTrainStepGraph(config: ModelConfig, loss: TrainLoss, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  const g = new Graph(`${loss.name}-train-step`);
  const params = declareWeights(g, config, dtype, '', true);
  const [m, v] = ['m.', 'v.'].map((prefix) => declareWeights(g, config, dtype, prefix));
  const hyper = declareAdamwHyper(g, dtype);
  const out = modelLoss(g, config, loss, params, batch, seqLen, dtype);
  outputLoss(g, out);
  outputAdamw(g, config, adamwStep({ params, grads: gradients(out.loss, params), m, v }, hyper));
  return g;
}

/** The fused step with the SFT loss (inputs targets and targetMask). */
export function sftTrainStepGraph(config: ModelConfig, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  return fusedTrainStepGraph(config, sftTrainLoss, batch, seqLen, dtype);
}
