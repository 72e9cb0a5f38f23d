import { InputError } from '../../core/errors';
import { ModelConfig, initParameters, parameterSpecs } from '../model';
import type { GraphRunner } from '../infer';
import type { HostTensors } from '../runtime';
import { ADAMW_HYPERPARAMETERS } from './adamw';

/** AdamW settings of a training loop (the step counter is the state's own). */
export interface AdamwSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  maxGradNorm: number;
}

export const DEFAULT_ADAMW: AdamwSettings = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maxGradNorm: 1 };

/**
 * Float32 weights and AdamW moments of a model, updated in place by a fused train-step graph
 * (fusedTrainStepGraph): the trainers feed a batch, and this feeds the weights, moments and hyperparameters.
 */
export class PolicyState {
  /** AdamW steps taken so far; the next one is step + 1 (bias correction counts from 1). */
  step = 0;

  private constructor(
    readonly config: ModelConfig,
    readonly weights: Map<string, Float32Array>,
    private readonly m: Map<string, Float32Array>,
    private readonly v: Map<string, Float32Array>,
  ) {}

  static init(config: ModelConfig, seed: number | string, std?: number): PolicyState {
    const zeros = () => new Map(parameterSpecs(config).map((s) => [s.name, new Float32Array(s.shape.reduce((p, q) => p * q, 1))]));
    const weights = new Map([...initParameters(config, seed, std)].map(([name, v]) => [name, Float32Array.from(v)]));
    return new PolicyState(config, weights, zeros(), zeros());
  }

  /** These weights with zeroed AdamW moments at step 0: the start of a new optimisation (a run from another's policy). */
  static fromWeights(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>): PolicyState {
    const zeros = new Map(parameterSpecs(config).flatMap((s) => ['m.', 'v.'].map((p): [string, Float32Array] => [`${p}${s.name}`, new Float32Array(s.shape.reduce((a, b) => a * b, 1))])));
    return PolicyState.restore(config, weights, zeros, 0);
  }

  /** A state saved earlier (a checkpoint's weights and AdamW moments, named `m.<parameter>` and `v.<parameter>`). */
  static restore(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>, moments: ReadonlyMap<string, Float32Array>, step: number): PolicyState {
    const pick = (prefix: string) =>
      new Map(
        parameterSpecs(config).map((s) => {
          const data = prefix === '' ? weights.get(s.name) : moments.get(`${prefix}${s.name}`);
          if (!data) throw new InputError(`policy state: ${prefix || 'weight '}${s.name} is missing`);
          return [s.name, Float32Array.from(data)];
        }),
      );
    const state = new PolicyState(config, pick(''), pick('m.'), pick('v.'));
    state.step = step;
    return state;
  }

  /** The AdamW moments named as checkpoints store them, with their shapes. */
  moments(): Map<string, { shape: number[]; data: Float32Array }> {
    const out = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const s of parameterSpecs(this.config)) {
      out.set(`m.${s.name}`, { shape: s.shape, data: this.m.get(s.name)! });
      out.set(`v.${s.name}`, { shape: s.shape, data: this.v.get(s.name)! });
    }
    return out;
  }

  /** Each weight with its shape, as checkpoints store them. */
  namedWeights(): Map<string, { shape: number[]; data: Float32Array }> {
    return new Map(parameterSpecs(this.config).map((s) => [s.name, { shape: s.shape, data: this.weights.get(s.name)! }]));
  }

  /** A frozen copy of the weights (a reference model for a KL term). */
  snapshot(): Map<string, Float32Array> {
    return new Map([...this.weights].map(([name, w]) => [name, Float32Array.from(w)]));
  }

  /** Runs one fused train step on `batch` and keeps its new weights and moments; returns the graph's outputs. */
  async trainStep(runner: GraphRunner, stepGraph: Uint8Array, batch: HostTensors, adamw: AdamwSettings): Promise<HostTensors> {
    return this.optimizerStep(runner, stepGraph, batch, adamw);
  }

  /**
   * Runs an apply-update graph (applyUpdateGraph) on gradients accumulated over micro-batches and keeps the new
   * weights and moments; returns the graph's outputs (gradNorm among them).
   */
  async applyGradients(runner: GraphRunner, applyGraph: Uint8Array, grads: ReadonlyMap<string, Float32Array>, adamw: AdamwSettings): Promise<HostTensors> {
    const feeds: HostTensors = {};
    for (const s of parameterSpecs(this.config)) feeds[`grad.${s.name}`] = { dtype: 'float32', dims: s.shape, data: grads.get(s.name)! };
    return this.optimizerStep(runner, applyGraph, feeds, adamw);
  }

  /** The weights as graph feeds. */
  weightFeeds(): HostTensors {
    return Object.fromEntries(parameterSpecs(this.config).map((s) => [s.name, { dtype: 'float32', dims: s.shape, data: this.weights.get(s.name)! }]));
  }

  private async optimizerStep(runner: GraphRunner, graph: Uint8Array, extraFeeds: HostTensors, adamw: AdamwSettings): Promise<HostTensors> {
    this.step += 1;
    const feeds: HostTensors = { ...extraFeeds, ...this.weightFeeds() };
    for (const s of parameterSpecs(this.config)) {
      feeds[`m.${s.name}`] = { dtype: 'float32', dims: s.shape, data: this.m.get(s.name)! };
      feeds[`v.${s.name}`] = { dtype: 'float32', dims: s.shape, data: this.v.get(s.name)! };
    }
    for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = scalar(h === 'step' ? this.step : adamw[h]);
    const out = await runner.run(graph, feeds);
    for (const s of parameterSpecs(this.config)) {
      this.weights.set(s.name, out[`new.${s.name}`].data as Float32Array);
      this.m.set(s.name, out[`new.m.${s.name}`].data as Float32Array);
      this.v.set(s.name, out[`new.v.${s.name}`].data as Float32Array);
    }
    return out;
  }
}

export function scalar(value: number): HostTensors[string] {
  return { dtype: 'float32', dims: [], data: Float32Array.of(value) };
}
