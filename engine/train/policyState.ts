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

  /** A frozen copy of the weights (a reference model for a KL term). */
  snapshot(): Map<string, Float32Array> {
    return new Map([...this.weights].map(([name, w]) => [name, Float32Array.from(w)]));
  }

  /** Runs one fused train step on `batch` and keeps its new weights and moments; returns the graph's outputs. */
  async trainStep(runner: GraphRunner, stepGraph: Uint8Array, batch: HostTensors, adamw: AdamwSettings): Promise<HostTensors> {
    this.step += 1;
    const feeds: HostTensors = { ...batch };
    for (const s of parameterSpecs(this.config)) {
      feeds[s.name] = { dtype: 'float32', dims: s.shape, data: this.weights.get(s.name)! };
      feeds[`m.${s.name}`] = { dtype: 'float32', dims: s.shape, data: this.m.get(s.name)! };
      feeds[`v.${s.name}`] = { dtype: 'float32', dims: s.shape, data: this.v.get(s.name)! };
    }
    for (const h of ADAMW_HYPERPARAMETERS) feeds[h] = scalar(h === 'step' ? this.step : adamw[h]);
    const out = await runner.run(stepGraph, feeds);
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
