import type { DType } from '../graph';

/** A tensor's values in host memory, the form feeds and results take on both sides of the worker boundary. */
export interface HostTensor {
  dtype: DType;
  dims: readonly number[];
  /** bool values are bytes (0 or 1), as onnxruntime-node stores them. */
  data: Float32Array | Float64Array | BigInt64Array | Uint8Array;
}

export type HostTensors = Record<string, HostTensor>;
