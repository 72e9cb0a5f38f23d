import type { HostTensor, HostTensors } from '../runtime';
import { FloatDType, PAST_MASK, cacheName } from './inferenceGraphs';

/** Capacity grows by this many slots: a step then reads at most this many unfilled (masked) slots per row. */
const BLOCK = 64;

type Floats = Float32Array | Float64Array;

/**
 * Every layer's keys and values, preallocated in the layout attention reads (see engine/model/attention.ts),
 * [B, Hkv, capacity, Dh] each, and which slots hold a real token, [B, capacity]. Graphs return only their new
 * tokens' keys and values, which are written in here; the whole buffers are fed as they are, so a decode step reads
 * the cache once and nothing transposes, concatenates or copies it.
 */
export class KvCacheBuffers {
  private readonly parts: Record<'keys' | 'values', Floats[]> = { keys: [], values: [] };
  private mask: Uint8Array = new Uint8Array(0);
  /** Slots filled so far, the same for every row (padding fills masked slots). */
  length = 0;
  capacity = 0;

  constructor(
    readonly dtype: FloatDType,
    private readonly layers: number,
    readonly rows: number,
    private readonly kvHeads: number,
    private readonly headDim: number,
  ) {}

  /**
   * Appends `steps` slots: `keys[l]` and `values[l]` [B, Hkv, steps, Dh] are a graph's present.<l>.* outputs,
   * `real` [B, steps] says which of them hold a real token (not padding).
   */
  append(steps: number, keys: HostTensor[], values: HostTensor[], real: Uint8Array): void {
    this.reserve(this.length + steps);
    const { rows: B, kvHeads: Hkv, headDim: Dh, capacity, length } = this;
    for (const [part, fresh] of [['keys', keys], ['values', values]] as const) {
      for (let l = 0; l < this.layers; l++) {
        const [from, to] = [fresh[l].data as Floats, this.parts[part][l]];
        for (let head = 0; head < B * Hkv; head++) to.set(from.subarray(head * steps * Dh, (head + 1) * steps * Dh), (head * capacity + length) * Dh);
      }
    }
    for (let b = 0; b < B; b++) this.mask.set(real.subarray(b * steps, (b + 1) * steps), b * capacity + length);
    this.length += steps;
  }

  /**
   * The cache as a decode graph's inputs: past.<l>.keys, past.<l>.values and pastMask, the buffers themselves. A run
   * may borrow them (RunOptions.lend with these names); reclaim() then takes them back from its outputs.
   */
  feeds(): HostTensors {
    const { dtype, rows: B, kvHeads: Hkv, headDim: Dh, capacity } = this;
    const feeds: HostTensors = { [PAST_MASK]: { dtype: 'bool', dims: [B, capacity], data: this.mask } };
    for (let l = 0; l < this.layers; l++) {
      for (const part of ['keys', 'values'] as const) feeds[cacheName('past', l, part)] = { dtype, dims: [B, Hkv, capacity, Dh], data: this.parts[part][l] };
    }
    return feeds;
  }

  /** The names feeds() uses. */
  get feedNames(): string[] {
    return [PAST_MASK, ...Array.from({ length: this.layers }, (_, l) => (['keys', 'values'] as const).map((part) => cacheName('past', l, part))).flat()];
  }

  /** Takes back the buffers a run borrowed, from its outputs (see feeds()); a runner that never moved them returns none. */
  reclaim(outputs: HostTensors): void {
    this.mask = (outputs[PAST_MASK]?.data as Uint8Array | undefined) ?? this.mask;
    for (let l = 0; l < this.layers; l++) {
      for (const part of ['keys', 'values'] as const) this.parts[part][l] = (outputs[cacheName('past', l, part)]?.data as Floats | undefined) ?? this.parts[part][l];
    }
  }

  /** Grows the buffers to hold `slots`, copying what is filled; new slots start masked. */
  private reserve(slots: number): void {
    if (slots <= this.capacity) return;
    const { rows: B, kvHeads: Hkv, headDim: Dh, capacity: old, length } = this;
    const capacity = Math.ceil(slots / BLOCK) * BLOCK;
    for (const part of ['keys', 'values'] as const) {
      this.parts[part] = Array.from({ length: this.layers }, (_, l) => {
        const grown = this.dtype === 'float32' ? new Float32Array(B * Hkv * capacity * Dh) : new Float64Array(B * Hkv * capacity * Dh);
        for (let head = 0; head < B * Hkv && length > 0; head++) grown.set(this.parts[part][l].subarray(head * old * Dh, (head * old + length) * Dh), head * capacity * Dh);
        return grown;
      });
    }
    const mask = new Uint8Array(B * capacity);
    for (let b = 0; b < B && length > 0; b++) mask.set(this.mask.subarray(b * old, b * old + length), b * capacity);
    this.mask = mask;
    this.capacity = capacity;
  }
}
