import type { DType } from './dtype';
import type { Graph, GraphNode } from './graph';

/** A dimension: a fixed size, or a name such as 'batch' that is bound when the graph runs. */
export type Dim = number | string;
export type Shape = readonly Dim[];

/** A typed value in a graph under construction: a graph input, an initializer or a node output. */
export class Tensor {
  constructor(
    readonly graph: Graph,
    /** Unique in its graph; Graph.output may rename a node's output once, to expose it without a copy. */
    public name: string,
    readonly dtype: DType,
    readonly shape: Shape,
    /** The node that computes it; absent for inputs and initializers. */
    readonly producer?: GraphNode,
    /** Values known while building (small int64 constants such as axes), so rules can read them. */
    readonly known?: readonly number[],
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `${this.name}: ${this.dtype}${formatShape(this.shape)}`;
  }
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** Number of elements, or undefined when a dimension is symbolic. */
export function staticSize(shape: Shape): number | undefined {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}
