import type { HostTensor } from '../runtime';
import type { FloatDType } from './inferenceGraphs';

/**
 * Preallocated keys and values for every layer, time-major [capacity, B, Hkv, Dh]: graphs return only the new
 * steps, which are copied in here, and the first t steps are fed back as a view, so a token costs O(context).
 */
export class KvCacheBuffers {
  readonly keys: Array<Float32Array | Float64Array>;
  readonly values: Array<Float32Array | Float64Array>;
  /** Elements of one time step: B * Hkv * Dh. */
  private readonly stride: number;
  length = 0;

  constructor(
    readonly dtype: FloatDType,
    layers: number,
    readonly capacity: number,
    private readonly stepDims: readonly number[],
  ) {
    this.stride = stepDims.reduce((p, q) => p * q, 1);
    const make = () => (dtype === 'float32' ? new Float32Array(capacity * this.stride) : new Float64Array(capacity * this.stride));
    this.keys = Array.from({ length: layers }, make);
    this.values = Array.from({ length: layers }, make);
  }

  /** Appends `steps` time steps; `keys[l]` and `values[l]` are a graph's present.<l>.* outputs. */
  append(steps: number, keys: HostTensor[], values: HostTensor[]): void {
    if (this.length + steps > this.capacity) throw new RangeError(`kv cache: ${this.length} + ${steps} steps exceed the capacity ${this.capacity}`);
    const offset = this.length * this.stride;
    keys.forEach((k, l) => this.keys[l].set(k.data as Float32Array, offset));
    values.forEach((v, l) => this.values[l].set(v.data as Float32Array, offset));
    this.length += steps;
  }

  /** The filled prefix of one layer as a feed (a view, not a copy). */
  feed(part: 'keys' | 'values', layer: number): HostTensor {
    const buffer = this[part][layer];
    return { dtype: this.dtype, dims: [this.length, ...this.stepDims], data: buffer.subarray(0, this.length * this.stride) };
  }
}
