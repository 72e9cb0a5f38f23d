import { InputError } from '../../core/errors';
import { ModelConfig, parameterSpecs } from '../model';
import type { HostTensor, HostTensors } from '../runtime';
import type { GraphRunner } from './graphRunner';
import { FloatDType, cacheName } from './inferenceGraphs';

/** A model ready to run: config, weights (all float32 or all float64, which picks the graphs' dtype) and a runtime. */
export interface InferenceModel {
  runner: GraphRunner;
  config: ModelConfig;
  weights: ReadonlyMap<string, Float32Array | Float64Array>;
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

/** A graph's present.<l>.keys/values outputs, layer by layer. */
export function presentCache(outputs: HostTensors, layers: number): { keys: HostTensor[]; values: HostTensor[] } {
  const pick = (part: 'keys' | 'values') => Array.from({ length: layers }, (_, l) => outputs[cacheName('present', l, part)]);
  return { keys: pick('keys'), values: pick('values') };
}
