import { Rng } from '../../core/rng';
import { ModelConfig, headDim } from './modelConfig';
import { scalarHeadSpec } from './scoreHead';

export interface ParameterSpec {
  name: string;
  shape: number[];
  /** Norm gains start at one; everything else is drawn from N(0, std^2). */
  init: 'ones' | 'normal';
}

/** Every weight of the model, in a fixed order (the order of graph inputs and checkpoint tensors). */
export function parameterSpecs(config: ModelConfig): ParameterSpec[] {
  const { vocabSize: V, dModel: D, nHeads: H, nKvHeads: Hkv, dFf: F } = config;
  const Dh = headDim(config);
  const specs: ParameterSpec[] = [{ name: 'embed', shape: [V, D], init: 'normal' }];
  for (let l = 0; l < config.nLayers; l++) {
    const p = `layer${l}.`;
    specs.push(
      { name: `${p}attnNorm`, shape: [D], init: 'ones' },
      { name: `${p}wq`, shape: [D, H * Dh], init: 'normal' },
      { name: `${p}wk`, shape: [D, Hkv * Dh], init: 'normal' },
      { name: `${p}wv`, shape: [D, Hkv * Dh], init: 'normal' },
    );
    if (config.qkvBias) {
      specs.push({ name: `${p}bq`, shape: [H * Dh], init: 'normal' }, { name: `${p}bk`, shape: [Hkv * Dh], init: 'normal' }, { name: `${p}bv`, shape: [Hkv * Dh], init: 'normal' });
    }
    if (config.qkNorm) specs.push({ name: `${p}qNorm`, shape: [Dh], init: 'ones' }, { name: `${p}kNorm`, shape: [Dh], init: 'ones' });
    specs.push(
      { name: `${p}wo`, shape: [H * Dh, D], init: 'normal' },
      { name: `${p}mlpNorm`, shape: [D], init: 'ones' },
      { name: `${p}wGate`, shape: [D, F], init: 'normal' },
      { name: `${p}wUp`, shape: [D, F], init: 'normal' },
      { name: `${p}wDown`, shape: [F, D], init: 'normal' },
    );
  }
  specs.push({ name: 'finalNorm', shape: [D], init: 'ones' });
  if (!config.tiedEmbeddings) specs.push({ name: 'lmHead', shape: [D, V], init: 'normal' });
  if (config.scalarHead) specs.push(scalarHeadSpec(config, config.scalarHead));
  return specs;
}

export function parameterCount(config: ModelConfig): number {
  return parameterSpecs(config).reduce((n, s) => n + s.shape.reduce((p, q) => p * q, 1), 0);
}

/** Seeded initial weights: each tensor has its own stream, so adding a tensor does not change the others. */
export function initParameters(config: ModelConfig, seed: number | string, std = 0.02): Map<string, Float64Array> {
  return new Map(parameterSpecs(config).map((spec) => [spec.name, initParameter(spec, seed, std)]));
}

/** One tensor's seeded initial values, as initParameters draws them (a head added to a trained trunk). */
export function initParameter(spec: ParameterSpec, seed: number | string, std = 0.02): Float64Array {
  const n = spec.shape.reduce((p, q) => p * q, 1);
  const rng = Rng.derive(seed, 'init', spec.name);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = spec.init === 'ones' ? 1 : std * standardNormal(rng);
  return values;
}

/** Box-Muller; 1 - u keeps the logarithm finite. */
function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
