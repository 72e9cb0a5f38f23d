import { InputError } from '../../core/errors';
import { ModelConfig, initParameters } from '../model';
import type { GraphRunner } from '../infer';
import type { HostTensors } from '../runtime';
import { ADAMW_HYPERPARAMETERS } from './adamw';
import { ParameterLayout, bucketFeeds, bucketParameters, bucketsOf, parameterLayout, parameterViews } from './parameterLayout';

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
 * Float32 weights and AdamW moments of a model, updated by the train-step graphs (trainStepGraphs.ts): the trainers
 * feed a batch, and this feeds the weights, moments and hyperparameters. Weights, m and v are each kept in the flat
 * buckets of parameterLayout, the form the graphs take and return; `weights` and `moments()` are per-parameter views
 * into them, so inference feeds and checkpoints see each tensor without a copy.
 */
export class PolicyState {
  /** AdamW steps taken so far; the next one is step + 1 (bias correction counts from 1). */
  step = 0;
  /** Each weight by name, a view into its bucket. An entry replaced by another array is copied into the bucket before the next step. */
  readonly weights: Map<string, Float32Array>;
  private readonly layout: ParameterLayout;

  private constructor(
    readonly config: ModelConfig,
    private params: Float32Array[],
    private m: Float32Array[],
    private v: Float32Array[],
  ) {
    this.layout = parameterLayout(config);
    this.weights = parameterViews(this.layout, params);
  }

  static init(config: ModelConfig, seed: number | string, std?: number): PolicyState {
    const layout = parameterLayout(config);
    const init = initParameters(config, seed, std);
    return new PolicyState(config, bucketParameters(layout, (name) => init.get(name)!), zeroBuckets(layout), zeroBuckets(layout));
  }

  /** These weights with zeroed AdamW moments at step 0: the start of a new optimisation (a run from another's policy). */
  static fromWeights(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>): PolicyState {
    const layout = parameterLayout(config);
    return new PolicyState(config, bucketNamed(layout, '', weights), zeroBuckets(layout), zeroBuckets(layout));
  }

  /** A state saved earlier (a checkpoint's weights and AdamW moments, named `m.<parameter>` and `v.<parameter>`). */
  static restore(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>, moments: ReadonlyMap<string, Float32Array>, step: number): PolicyState {
    const layout = parameterLayout(config);
    const state = new PolicyState(config, bucketNamed(layout, '', weights), bucketNamed(layout, 'm.', moments), bucketNamed(layout, 'v.', moments));
    state.step = step;
    return state;
  }

  /** The AdamW moments named as checkpoints store them, with their shapes. */
  moments(): Map<string, { shape: number[]; data: Float32Array }> {
    const [m, v] = [parameterViews(this.layout, this.m), parameterViews(this.layout, this.v)];
    const out = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const s of this.layout.specs) {
      out.set(`m.${s.name}`, { shape: s.shape, data: m.get(s.name)! });
      out.set(`v.${s.name}`, { shape: s.shape, data: v.get(s.name)! });
    }
    return out;
  }

  /** Each weight with its shape, as checkpoints store them. */
  namedWeights(): Map<string, { shape: number[]; data: Float32Array }> {
    return new Map(this.layout.specs.map((s) => [s.name, { shape: s.shape, data: this.weights.get(s.name)! }]));
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
   * Runs an apply-update graph (applyUpdateGraph) on gradients accumulated over micro-batches (one per bucket) and
   * keeps the new weights and moments; returns the graph's outputs (gradNorm among them).
   */
  async applyGradients(runner: GraphRunner, applyGraph: Uint8Array, grads: readonly Float32Array[], adamw: AdamwSettings): Promise<HostTensors> {
    return this.optimizerStep(runner, applyGraph, bucketFeeds('grad', grads), adamw);
  }

  /** The weights as graph feeds, one per parameter (inference graphs). */
  weightFeeds(): HostTensors {
    return Object.fromEntries(this.layout.specs.map((s) => [s.name, { dtype: 'float32', dims: s.shape, data: this.weights.get(s.name)! }]));
  }

  /** The weights as the train graphs take them: buckets `params.k`. */
  paramsFeed(): HostTensors {
    return bucketFeeds('params', this.syncedParams());
  }

  /** Zeroed gradient buckets to accumulate micro-batches into. */
  zeroGradients(): Float32Array[] {
    return zeroBuckets(this.layout);
  }

  /** The weight buckets, with any entry of `weights` that no longer views them copied in and viewed again. */
  private syncedParams(): Float32Array[] {
    const views = parameterViews(this.layout, this.params);
    for (const [name, view] of views) {
      const w = this.weights.get(name);
      if (w && w.buffer === view.buffer && w.byteOffset === view.byteOffset && w.length === view.length) continue;
      if (!w || w.length !== view.length) throw new InputError(`policy state: weight ${name} has ${w?.length ?? 0} values, it needs ${view.length}`);
      view.set(w);
      this.weights.set(name, view);
    }
    return this.params;
  }

  private async optimizerStep(runner: GraphRunner, graph: Uint8Array, extraFeeds: HostTensors, adamw: AdamwSettings): Promise<HostTensors> {
    this.step += 1;
    const feeds: HostTensors = { ...extraFeeds, ...this.paramsFeed(), ...bucketFeeds('m', this.m), ...bucketFeeds('v', this.v) };
    for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = scalar(h === 'step' ? this.step : adamw[h]);
    const out = await runner.run(graph, feeds);
    [this.params, this.m, this.v] = ['new.params', 'new.m', 'new.v'].map((vector) => bucketsOf<Float32Array>(this.layout, out, vector));
    for (const [name, view] of parameterViews(this.layout, this.params)) this.weights.set(name, view);
    return out;
  }
}

function zeroBuckets(layout: ParameterLayout): Float32Array[] {
  return layout.buckets.map((b) => new Float32Array(b.size));
}

/** The named tensors (`prefix` + parameter name) copied into buckets. */
function bucketNamed(layout: ParameterLayout, prefix: string, tensors: ReadonlyMap<string, ArrayLike<number>>): Float32Array[] {
  return bucketParameters(layout, (name) => {
    const data = tensors.get(`${prefix}${name}`);
    if (!data) throw new InputError(`policy state: ${prefix || 'weight '}${name} is missing`);
    return data;
  });
}

export function scalar(value: number): HostTensors[string] {
  return { dtype: 'float32', dims: [], data: Float32Array.of(value) };
}
