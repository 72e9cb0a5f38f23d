import { InputError } from '../../core/errors';
import type { DType } from '../graph';
import { ModelConfig, ParameterSpec, parameterSpecs } from '../model';
import type { HostTensors } from '../runtime';

/**
 * Consecutive parameters (parameterSpecs order) are packed into flat buckets of at least this many elements: the
 * train graphs take weights, AdamW moments and gradients one flat vector per bucket, so clipping and AdamW are a
 * dozen ops per bucket instead of per tensor. One flat vector of everything would be fewer ops still, but each of
 * them would stream the whole model through memory: at the base size that AdamW took about twice as long as in
 * buckets of at least 2^20 elements (4 MiB or more, which stay in cache from one op to the next), and per tensor it
 * took 1.3 times as long (bench/README.md).
 */
export const BUCKET_ELEMENTS = 1 << 20;

export interface ParameterLayout {
  specs: ParameterSpec[];
  /** Elements of each parameter, its bucket and where it starts in the bucket. */
  sizes: number[];
  bucketOf: number[];
  offsets: number[];
  /** Each bucket's parameters (indices into specs, consecutive) and its length in elements. */
  buckets: Array<{ parameters: number[]; size: number }>;
}

export function parameterLayout(config: ModelConfig): ParameterLayout {
  const specs = parameterSpecs(config);
  const sizes = specs.map((s) => s.shape.reduce((p, q) => p * q, 1));
  const layout: ParameterLayout = { specs, sizes, bucketOf: [], offsets: [], buckets: [] };
  let open: { parameters: number[]; size: number } | undefined;
  sizes.forEach((size, i) => {
    if (!open) layout.buckets.push((open = { parameters: [], size: 0 }));
    layout.bucketOf.push(layout.buckets.length - 1);
    layout.offsets.push(open.size);
    open.parameters.push(i);
    open.size += size;
    if (open.size >= BUCKET_ELEMENTS) open = undefined;
  });
  return layout;
}

/** Graph input and output names of a bucketed vector: `params.0`, `m.1`, `new.grad.0`. */
export function bucketName(vector: string, bucket: number): string {
  return `${vector}.${bucket}`;
}

/** Each parameter as a view into its bucket, by name (no copy). */
export function parameterViews<A extends Float32Array | Float64Array>(layout: ParameterLayout, buckets: readonly A[]): Map<string, A> {
  return new Map(layout.specs.map((s, i) => [s.name, buckets[layout.bucketOf[i]].subarray(layout.offsets[i], layout.offsets[i] + layout.sizes[i]) as A]));
}

/** The named parameters copied into new buckets (float32 unless `make` says otherwise). */
export function bucketParameters<A extends Float32Array | Float64Array = Float32Array>(
  layout: ParameterLayout,
  named: (name: string) => ArrayLike<number>,
  make: (size: number) => A = (size) => new Float32Array(size) as A,
): A[] {
  const buckets = layout.buckets.map((b) => make(b.size));
  layout.specs.forEach((s, i) => {
    const data = named(s.name);
    if (data.length !== layout.sizes[i]) throw new InputError(`parameter layout: ${s.name} has ${data.length} values, its shape [${s.shape}] holds ${layout.sizes[i]}`);
    buckets[layout.bucketOf[i]].set(data, layout.offsets[i]);
  });
  return buckets;
}

/** Buckets as graph feeds named `vector.k`. */
export function bucketFeeds(vector: string, buckets: ReadonlyArray<Float32Array | Float64Array>): HostTensors {
  const dtype = (data: Float32Array | Float64Array): DType => (data instanceof Float64Array ? 'float64' : 'float32');
  return Object.fromEntries(buckets.map((data, k) => [bucketName(vector, k), { dtype: dtype(data), dims: [data.length], data }]));
}

/** The buckets of a graph's outputs (or feeds) named `vector.k`. */
export function bucketsOf<A extends Float32Array | Float64Array>(layout: ParameterLayout, tensors: HostTensors, vector: string): A[] {
  return layout.buckets.map((_, k) => tensors[bucketName(vector, k)].data as A);
}
