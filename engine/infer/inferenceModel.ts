import { InputError } from '../../core/errors';
import { ModelConfig, parameterSpecs } from '../model';
import type { HostTensors } from '../runtime';
import type { GraphRunner } from './graphRunner';
import { FixedWeights, FloatDType, forgetFixedGraphs } from './inferenceGraphs';

/** A model ready to run: config, weights (all float32 or all float64, which picks the graphs' dtype) and a runtime. */
export interface InferenceModel {
  runner: GraphRunner;
  config: ModelConfig;
  weights: ReadonlyMap<string, Float32Array | Float64Array>;
  /**
   * The promise that neither this weights map nor its arrays change while the model is in use (a served or evaluated
   * checkpoint). generate and scoreCompletions then build their graphs with the weights as initializers, once per
   * weights map and shape: ORT pre-packs them for its matmuls, and no step feeds them. Leave it unset where the
   * weights change from call to call (rollouts): each new map would cost a graph build and session per shape.
   */
  fixedWeights?: boolean;
}

/** The weights as feeds, checked against the config, and the dtype they imply. */
export function weightFeeds(model: InferenceModel): { dtype: FloatDType; feeds: HostTensors } {
  const feeds: HostTensors = {};
  let dtype: FloatDType | undefined;
  for (const spec of parameterSpecs(model.config)) {
    const data = model.weights.get(spec.name);
    if (!data) throw new InputError(`infer: weight ${spec.name} [${spec.shape.join(',')}] is missing`);
    const size = spec.shape.reduce((p, q) => p * q, 1);
    if (data.length !== size) throw new InputError(`infer: weight ${spec.name} has ${data.length} values, shape [${spec.shape.join(',')}] needs ${size}`);
    const own: FloatDType = data.BYTES_PER_ELEMENT === 4 ? 'float32' : 'float64';
    if (dtype && own !== dtype) throw new InputError(`infer: weights mix float32 and float64 (${spec.name} is ${own})`);
    dtype = own;
    feeds[spec.name] = { dtype, dims: spec.shape, data };
  }
  return { dtype: dtype as FloatDType, feeds };
}

/** Fixed weight sets per runner whose sessions are kept, most recently used last. */
const heldWeights = new WeakMap<GraphRunner, FixedWeights[]>();
/** A served or evaluated checkpoint plus one more (a run's evaluation beside a one-off eval) keep their sessions. */
const HELD_SETS = 2;

/**
 * The weights for generate and scoreCompletions: as initializers when the model's weights are fixed (feeds then
 * carry none), else as feeds. A runner keeps the sessions of its HELD_SETS most recent fixed sets; older ones are
 * released, so a long-lived server or worker that evaluates checkpoint after checkpoint does not grow.
 */
export async function modelWeights(model: InferenceModel): Promise<{ dtype: FloatDType; feeds: HostTensors; fixed?: FixedWeights }> {
  const { dtype, feeds } = weightFeeds(model);
  if (!model.fixedWeights) return { dtype, feeds };
  const fixed = model.weights;
  const sets = heldWeights.get(model.runner) ?? [];
  heldWeights.set(model.runner, sets);
  const at = sets.indexOf(fixed);
  if (at >= 0) sets.splice(at, 1);
  sets.push(fixed);
  while (sets.length > HELD_SETS) {
    const graphs = forgetFixedGraphs(sets.shift() as FixedWeights);
    for (const graph of graphs) await model.runner.release?.(graph);
  }
  return { dtype, feeds: {}, fixed };
}
