import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { Graph, Tensor, add, constant, mul, reduceSum } from '../graph';
import { SessionCache } from '../runtime/sessionCache';
import { gradients } from './gradients';

export interface GradcheckInput {
  name: string;
  shape: number[];
  values: number[];
}

export interface GradcheckResult {
  /** Max over all elements of |analytic - numeric| / max(|analytic|, |numeric|, floor). */
  maxRelError: number;
  worst: { input: string; index: number; analytic: number; numeric: number };
}

export interface GradcheckOptions {
  seed?: number;
  /** Finite-difference step. */
  step?: number;
  /** Check this many elements per input, drawn from the seed, instead of all of them. */
  samplesPerInput?: number;
  /** Denominator floor of the relative error, so gradients that are zero compare absolutely. */
  floor?: number;
}

/**
 * Compares autodiff gradients with float64 fourth-order central differences (truncation O(h^4), so a step of 1e-4
 * keeps both truncation and rounding near 1e-11), both computed by ORT on the CPU. Outputs
 * that are not scalars are reduced with fixed random weights, so every output element carries its own gradient.
 */
export async function gradcheck(build: (inputs: Tensor[]) => Tensor | Tensor[], inputs: GradcheckInput[], options: GradcheckOptions = {}): Promise<GradcheckResult> {
  const { seed = 0, step = 1e-4, floor = 1e-8, samplesPerInput } = options;
  const g = new Graph('gradcheck');
  const xs = inputs.map((i) => g.input(i.name, 'float64', i.shape));
  const outs = [build(xs)].flat();
  const rng = new Rng(seed);
  const terms = outs.map((y) => {
    const shape = y.shape as number[];
    if (shape.some((d) => typeof d !== 'number')) throw new InputError(`gradcheck: output ${y.name} has a symbolic shape`);
    const weights = Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => rng.next() * 2 - 1);
    const weighted = mul(y, constant(g, { dtype: 'float64', shape, values: weights }));
    return shape.length === 0 ? weighted : reduceSum(weighted, [...shape.keys()]);
  });
  const loss = terms.reduce((p, q) => add(p, q));
  g.output(loss, 'loss');
  const lossBytes = g.toOnnxBytes();
  gradients(loss, xs).forEach((dx, k) => g.output(dx, `grad_${inputs[k].name}`));
  const gradBytes = g.toOnnxBytes();

  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'basic' });
  try {
    const lossKey = await cache.load(lossBytes);
    const gradKey = await cache.load(gradBytes);
    const feeds = (values: number[][]) => Object.fromEntries(inputs.map((i, k) => [i.name, { dtype: 'float64' as const, dims: i.shape, data: Float64Array.from(values[k]) }]));
    const base = inputs.map((i) => i.values.slice());
    const analytic = await cache.run(gradKey, feeds(base));
    const lossAt = async (values: number[][]): Promise<number> => (await cache.run(lossKey, feeds(values))).loss.data[0] as number;
    let result: GradcheckResult = { maxRelError: 0, worst: { input: '', index: -1, analytic: 0, numeric: 0 } };
    for (let k = 0; k < inputs.length; k++) {
      const a = analytic[`grad_${inputs[k].name}`].data as Float64Array;
      const all = [...base[k].keys()];
      const picked = samplesPerInput === undefined ? all : rng.shuffle(all).slice(0, samplesPerInput);
      for (const j of picked) {
        const x0 = base[k][j];
        const at = async (offset: number): Promise<number> => {
          base[k][j] = x0 + offset * step;
          return lossAt(base);
        };
        const numeric = (8 * ((await at(1)) - (await at(-1))) - ((await at(2)) - (await at(-2)))) / (12 * step);
        base[k][j] = x0;
        const err = Math.abs(a[j] - numeric) / Math.max(Math.abs(a[j]), Math.abs(numeric), floor);
        if (!(err <= result.maxRelError)) result = { maxRelError: err, worst: { input: inputs[k].name, index: j, analytic: a[j], numeric } };
      }
    }
    return result;
  } finally {
    await cache.release();
  }
}
