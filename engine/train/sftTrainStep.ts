import { gradients } from '../autodiff';
import { DType, Graph, Tensor } from '../graph';
import { ModelConfig, parameterSpecs, transformerLogits } from '../model';
import { AdamwHyper, adamwStep } from './adamw';
import { sftLoss } from './sftLoss';

export const HYPERPARAMETERS = ['step', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'maxGradNorm'] as const;

/**
 * The fused SFT train step for one micro-batch [batch, seqLen]: forward, loss, backward, clipping and AdamW.
 * Inputs: every weight W, its moments `m.W` and `v.W`, the hyperparameters (scalars), tokens, attentionMask,
 * targets, targetMask. Outputs: loss, gradNorm (before clipping), `new.W`, `new.m.W`, `new.v.W`.
 */
export function sftTrainStepGraph(config: ModelConfig, batch: number, seqLen: number, dtype: DType = 'float32'): Graph {
  const g = new Graph('sft-train-step');
  const specs = parameterSpecs(config);
  const params = specs.map((s) => g.input(s.name, dtype, s.shape, { parameter: true }));
  const m = specs.map((s) => g.input(`m.${s.name}`, dtype, s.shape));
  const v = specs.map((s) => g.input(`v.${s.name}`, dtype, s.shape));
  const hyper = Object.fromEntries(HYPERPARAMETERS.map((n) => [n, g.input(n, dtype, [])])) as unknown as AdamwHyper;
  const tokens = g.input('tokens', 'int64', [batch, seqLen]);
  const attentionMask = g.input('attentionMask', 'bool', [batch, seqLen]);
  const targets = g.input('targets', 'int64', [batch, seqLen]);
  const targetMask = g.input('targetMask', dtype, [batch, seqLen]);
  const weights: Record<string, Tensor> = Object.fromEntries(specs.map((s, i) => [s.name, params[i]]));
  const loss = sftLoss(transformerLogits(config, weights, { tokens, attentionMask }), targets, targetMask);
  const next = adamwStep({ params, grads: gradients(loss, params), m, v }, hyper);
  g.output(loss, 'loss');
  g.output(next.gradNorm, 'gradNorm');
  specs.forEach((s, i) => {
    g.output(next.params[i], `new.${s.name}`);
    g.output(next.m[i], `new.m.${s.name}`);
    g.output(next.v[i], `new.v.${s.name}`);
  });
  return g;
}
