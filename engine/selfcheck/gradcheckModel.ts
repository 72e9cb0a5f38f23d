import { InputError } from '../../core/errors';
import { gradcheck } from '../autodiff';
import { Graph, Tensor, constant } from '../graph';
import { ModelConfig, initParameters, parameterCount, parameterSpecs, transformer } from '../model';
import { SessionCache } from '../runtime/sessionCache';
import { LossInputSource, ModelOutputs, TRAIN_LOSS_NAMES, TrainLossName, modelOutputs, tokenLogProbs, trainLoss } from '../train';
import { GradcheckBatch, GradcheckShape, SEQ_LEN, gradcheckBatch, gradcheckModelConfig } from './gradcheckBatch';
import { CurrentOutputs, gradcheckLossInputs } from './gradcheckLossInputs';

/** The bound for autodiff against float64 central differences over a whole model. */
export const GRADCHECK_MAX_RELATIVE_ERROR = 1e-5;
/**
 * Gradients smaller than this are compared absolutely. The differences' rounding noise is about 1e-12 here (losses
 * near 1, step 1e-4), so 1e-5 relative cannot be resolved below about 1e-7: DPO at seed 1 has an element of -9.5e-8
 * that differs by 1.7e-12 at step 1e-4 and agrees to 7e-7 at step 1e-3.
 */
const GRADIENT_FLOOR = 1e-6;

export interface GradcheckModelResult {
  loss: TrainLossName;
  maxRelativeError: number;
  /** Parameter elements of the model (its scalar head included, for rm and ppo). */
  parameters: number;
  /** Parameter elements compared with finite differences. */
  checked: number;
  ok: boolean;
  worst: { parameter: string; index: number; analytic: number; numeric: number };
}

/** The model's outputs on the batch, from weights given as graph tensors in parameterSpecs order. */
function modelOn(config: ModelConfig, batch: GradcheckBatch, xs: Tensor[]): ModelOutputs {
  const g = xs[0].graph;
  const shape = [batch.rows, SEQ_LEN];
  const attentionMask = constant(g, { dtype: 'bool', shape, values: batch.realTokens.map(Boolean) });
  const tokens = constant(g, { dtype: 'int64', shape, values: batch.tokens });
  const weights = Object.fromEntries(parameterSpecs(config).map((s, i) => [s.name, xs[i]]));
  return modelOutputs(config, transformer(config, weights, { tokens, attentionMask }), attentionMask);
}

/**
 * Autodiff gradients of a seeded random model under the train loss `loss` (the one the train-step graphs use, fed
 * constants) against float64 fourth-order central differences, over every parameter element; max relative error
 * |a - b| / max(|a|, |b|, 1e-6). The core of `drl engine gradcheck`.
 */
export async function gradcheckModel(options: { seed: number; loss?: TrainLossName; shape?: GradcheckShape }): Promise<GradcheckModelResult> {
  const { seed, loss = 'sft', shape } = options;
  if (!TRAIN_LOSS_NAMES.includes(loss)) throw new InputError(`gradcheck: unknown loss ${loss}; expected one of ${TRAIN_LOSS_NAMES.join(', ')}`);
  const config = gradcheckModelConfig(loss, shape);
  const specs = parameterSpecs(config);
  // A larger init than training uses keeps gradients well above the finite-difference noise.
  const weights = initParameters(config, seed, 0.3);
  const batch = gradcheckBatch(seed, loss, config.vocabSize);
  const values = gradcheckLossInputs(loss, batch, await currentOutputs(config, batch, weights));
  const trained = trainLoss(loss, { contextChoiceRows: 2 });
  const lossOf = (xs: Tensor[]): Tensor => trained.declare(xs[0].graph, batch.rows, SEQ_LEN, 'float64', constantsFrom(xs[0].graph, values))(modelOn(config, batch, xs)).loss;
  const inputs = specs.map((s) => ({ name: s.name, shape: s.shape, values: Array.from(weights.get(s.name) as Float64Array) }));
  const result = await gradcheck(lossOf, inputs, { seed, floor: GRADIENT_FLOOR });
  return {
    loss,
    maxRelativeError: result.maxRelError,
    parameters: parameterCount(config),
    checked: inputs.reduce((n, i) => n + i.values.length, 0),
    ok: result.maxRelError <= GRADCHECK_MAX_RELATIVE_ERROR,
    worst: { parameter: result.worst.input, index: result.worst.index, analytic: result.worst.analytic, numeric: result.worst.numeric },
  };
}

/** The loss's inputs as constants of `g`, each checked against the shape the loss declares. */
function constantsFrom(g: Graph, values: Record<string, number[]>): LossInputSource {
  return (name, dtype, shape) => {
    const v = values[name];
    const size = shape.reduce<number>((n, d) => n * (d as number), 1);
    if (!v || v.length !== size) throw new InputError(`gradcheck: loss input ${name} needs ${size} values, the self-check has ${v?.length ?? 'none'}`);
    return constant(g, { dtype, shape: shape as number[], values: v });
  };
}

/** One forward run for the log-probs (and head values) the old, reference and value inputs are placed around. */
async function currentOutputs(config: ModelConfig, batch: GradcheckBatch, weights: Map<string, Float64Array>): Promise<CurrentOutputs> {
  const specs = parameterSpecs(config);
  const g = new Graph('gradcheck-current');
  const model = modelOn(config, batch, specs.map((s) => g.input(s.name, 'float64', s.shape)));
  g.output(tokenLogProbs(model.logits, constant(g, { dtype: 'int64', shape: [batch.rows, SEQ_LEN], values: batch.targets })), 'logProbs');
  if (model.head) g.output(model.head.values, 'headValues');
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  try {
    const feeds = Object.fromEntries(specs.map((s) => [s.name, { dtype: 'float64' as const, dims: s.shape, data: weights.get(s.name) as Float64Array }]));
    const out = await cache.run(await cache.load(g.toOnnxBytes()), feeds);
    return { logProbs: Array.from(out.logProbs.data as Float64Array), headValues: model.head ? Array.from(out.headValues.data as Float64Array) : undefined };
  } finally {
    await cache.release();
  }
}
