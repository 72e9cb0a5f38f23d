import type { HostTensor, HostTensors } from './hostTensor';

/** Capacity grows by this many slots: a step then reads at most this many unfilled (masked) slots per row. */
const BLOCK = 64;

type Floats = Float32Array | Float64Array;

/** Graph input and output names of a layer's cache: `past.*` feeds a decode graph, `present.*` is what a call adds. */
export const cacheName = (direction: 'past' | 'present', layer: number, part: 'keys' | 'values'): string => `${direction}.${layer}.${part}`;
/** The decode graph's input saying which cache slots hold a real token. */
export const PAST_MASK = 'pastMask';

export interface KvCacheShape {
  dtype: 'float32' | 'float64';
  layers: number;
  rows: number;
  kvHeads: number;
  headDim: number;
}

/**
 * Every layer's keys and values, preallocated in the layout attention reads (see engine/model/attention.ts),
 * [B, Hkv, capacity, Dh] each, and which slots hold a real token, [B, capacity]. Graphs return only their new
 * tokens' keys and values, which are written in here; the whole buffers are fed as they are, so a decode step reads
 * the cache once and nothing transposes, concatenates or copies it. It lives where the graphs run (see
 * runWithCache): on an engine thread, moving it to and fro would cost more than the step at long contexts.
 */
export class KvCacheBuffers {
  private readonly parts: Record<'keys' | 'values', Floats[]> = { keys: [], values: [] };
  private mask = new Uint8Array(0);
  /** Slots filled so far, the same for every row (padding fills masked slots). */
  length = 0;
  capacity = 0;

  constructor(readonly shape: KvCacheShape) {}

  /**
   * Appends `steps` slots: `keys[l]` and `values[l]` [B, Hkv, steps, Dh] are a graph's present.<l>.* outputs,
   * `real` [B, steps] says which of them hold a real token (not padding).
   */
  append(steps: number, keys: HostTensor[], values: HostTensor[], real: Uint8Array): void {
    this.reserve(this.length + steps);
    const { capacity, length } = this;
    const { rows: B, kvHeads: Hkv, headDim: Dh, layers } = this.shape;
    for (const [part, fresh] of [['keys', keys], ['values', values]] as const) {
      for (let l = 0; l < layers; l++) {
        const [from, to] = [fresh[l].data as Floats, this.parts[part][l]];
        for (let head = 0; head < B * Hkv; head++) to.set(from.subarray(head * steps * Dh, (head + 1) * steps * Dh), (head * capacity + length) * Dh);
      }
    }
    for (let b = 0; b < B; b++) this.mask.set(real.subarray(b * steps, (b + 1) * steps), b * capacity + length);
    this.length += steps;
  }

  /** The cache as a decode graph's inputs: past.<l>.keys, past.<l>.values and pastMask, the buffers themselves. */
  feeds(): HostTensors {
    const { capacity } = this;
    const { dtype, rows: B, kvHeads: Hkv, headDim: Dh, layers } = this.shape;
    const feeds: HostTensors = { [PAST_MASK]: { dtype: 'bool', dims: [B, capacity], data: this.mask } };
    for (let l = 0; l < layers; l++) {
      for (const part of ['keys', 'values'] as const) feeds[cacheName('past', l, part)] = { dtype, dims: [B, Hkv, capacity, Dh], data: this.parts[part][l] };
    }
    return feeds;
  }

  /** Grows the buffers to hold `slots`, copying what is filled; new slots start masked. */
  private reserve(slots: number): void {
    if (slots <= this.capacity) return;
    const { capacity: old, length } = this;
    const { dtype, rows: B, kvHeads: Hkv, headDim: Dh, layers } = this.shape;
    const capacity = Math.ceil(slots / BLOCK) * BLOCK;
    for (const part of ['keys', 'values'] as const) {
      this.parts[part] = Array.from({ length: layers }, (_, l) => {
        const grown = dtype === 'float32' ? new Float32Array(B * Hkv * capacity * Dh) : new Float64Array(B * Hkv * capacity * Dh);
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

/**
 * One graph call with a KV cache: an empty cache feeds nothing (the call is the prefill that fills it), else its
 * buffers are fed as past.*; the call's present.* outputs are appended to it, its attentionMask feed [B, T] saying
 * which of the new slots are real, and are not returned.
 */
export async function runWithCache(run: (feeds: HostTensors) => Promise<HostTensors>, feeds: HostTensors, cache: KvCacheBuffers): Promise<HostTensors> {
  const outputs = await run(cache.length === 0 ? feeds : { ...feeds, ...cache.feeds() });
  const { layers } = cache.shape;
  const take = (part: 'keys' | 'values') =>
    Array.from({ length: layers }, (_, l) => {
      const name = cacheName('present', l, part);
      const t = outputs[name];
      delete outputs[name];
      return t;
    });
  const [keys, values] = [take('keys'), take('values')];
  const mask = feeds.attentionMask;
  cache.append(mask.dims[1], keys, values, mask.data as Uint8Array);
  return outputs;
}
