import { onnx } from 'onnx-proto';
import { InputError } from '../../core/errors';
import { ConstantData, toTensorProto } from './constantData';
import { DType, onnxDataType } from './dtype';
import { Shape, Tensor, formatShape, staticSize } from './tensor';

/** Opset 18: Reduce*, Split, Pad and friends take their axes and sizes as inputs, one form for every op. */
export const OPSET = 18;
const IR_VERSION = 8;

export type Attr = { int: number } | { ints: readonly number[] } | { float: number } | { str: string } | { tensor: ConstantData };

export interface GraphNode {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: Tensor[];
  readonly attrs: Readonly<Record<string, Attr>>;
}

export interface OutputSpec {
  dtype: DType;
  shape: Shape;
  known?: readonly number[];
}

export interface GraphSummary {
  nodes: number;
  ops: Record<string, number>;
  inputs: string[];
  outputs: string[];
  /** Elements of initializers and of inputs declared as parameters. */
  parameters: number;
}

/** A graph under construction; op functions (ops/) append nodes to the graph of their first input. */
export class Graph {
  readonly nodes: GraphNode[] = [];
  readonly inputs: Tensor[] = [];
  readonly outputs: Array<{ name: string; tensor: Tensor }> = [];
  private readonly initializers: Array<{ tensor: Tensor; data: ConstantData }> = [];
  private readonly parameterInputs = new Set<Tensor>();
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(readonly name = 'graph') {}

  input(name: string, dtype: DType, shape: Shape, options: { parameter?: boolean } = {}): Tensor {
    const t = new Tensor(this, this.claim(name), dtype, shape);
    this.inputs.push(t);
    if (options.parameter) this.parameterInputs.add(t);
    return t;
  }

  /** A tensor stored in the model file; ORT can pre-pack it, but changing it means a new session. */
  initializer(name: string, data: ConstantData): Tensor {
    const t = new Tensor(this, this.claim(name), data.dtype, data.shape);
    this.initializers.push({ tensor: t, data });
    return t;
  }

  output(tensor: Tensor, name: string = tensor.name): void {
    if (tensor.graph !== this) throw new InputError(`output ${name}: tensor ${tensor.name} belongs to another graph`);
    if (this.outputs.some((o) => o.name === name)) throw new InputError(`output ${name} is declared twice`);
    // A graph output must be produced under its own name. A node's output takes the name (other nodes may still read
    // it), so no Identity copies it: at the train step's size a copy of the weights is 100 MB. An input, or a tensor
    // already output under another name, gets an Identity.
    const renamable = tensor.producer && !this.outputs.some((o) => o.tensor === tensor);
    const exposed = name === tensor.name && tensor.producer ? tensor : renamable ? this.rename(tensor, name) : this.node('Identity', [tensor], [tensor], {}, name)[0];
    this.outputs.push({ name, tensor: exposed });
  }

  /** Appends a node; op functions call this after checking shapes. */
  node(opType: string, inputs: readonly Tensor[], outputs: readonly OutputSpec[], attrs: Record<string, Attr> = {}, outputName?: string): Tensor[] {
    for (const t of inputs) {
      if (t.graph !== this) throw new InputError(`${opType}: input ${t.name} belongs to another graph`);
    }
    const id = this.counter++;
    const node: GraphNode = { name: `${opType}_${id}`, opType, inputs, outputs: [], attrs };
    outputs.forEach((spec, i) => {
      const name = this.claim(outputName && i === 0 ? outputName : `${opType}_${id}_${i}`);
      node.outputs.push(new Tensor(this, name, spec.dtype, spec.shape, node, spec.known));
    });
    this.nodes.push(node);
    return node.outputs;
  }

  /** Nodes that contribute to an output: gradient rules may build terms nobody needs, and they are dropped here. */
  liveNodes(): GraphNode[] {
    const live = new Set<GraphNode>();
    const stack = this.outputs.map((o) => o.tensor);
    while (stack.length > 0) {
      const node = (stack.pop() as Tensor).producer;
      if (node && !live.has(node)) {
        live.add(node);
        stack.push(...node.inputs);
      }
    }
    return this.nodes.filter((n) => live.has(n));
  }

  summary(): GraphSummary {
    const live = this.liveNodes();
    const ops: Record<string, number> = {};
    for (const n of live) ops[n.opType] = (ops[n.opType] ?? 0) + 1;
    let parameters = 0;
    for (const t of [...this.initializers.map((i) => i.tensor), ...this.parameterInputs]) {
      const size = staticSize(t.shape);
      if (size === undefined) throw new InputError(`summary: parameter ${t.name} has a symbolic shape ${formatShape(t.shape)}`);
      parameters += size;
    }
    return {
      nodes: live.length,
      ops,
      inputs: this.inputs.map((t) => t.name),
      outputs: this.outputs.map((o) => o.name),
      parameters,
    };
  }

  toOnnxBytes(): Uint8Array {
    if (this.outputs.length === 0) throw new InputError(`graph ${this.name} has no outputs`);
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'durable-rl',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: this.name,
        node: this.liveNodes().map(toNodeProto),
        input: this.inputs.map(valueInfo),
        initializer: this.initializers.map((i) => toTensorProto(i.tensor.name, i.data)),
        output: this.outputs.map((o) => valueInfo(o.tensor)),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private rename(tensor: Tensor, name: string): Tensor {
    this.claim(name);
    this.names.delete(tensor.name);
    tensor.name = name;
    return tensor;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new InputError(`graph ${this.name}: the name ${name} is already taken`);
    this.names.add(name);
    return name;
  }
}

function valueInfo(t: Tensor): onnx.IValueInfoProto {
  const dim = t.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: t.name, type: { tensorType: { elemType: onnxDataType[t.dtype], shape: { dim } } } };
}

function toNodeProto(n: GraphNode): onnx.INodeProto {
  const attribute = Object.entries(n.attrs).map(([name, a]): onnx.IAttributeProto => {
    const T = onnx.AttributeProto.AttributeType;
    if ('int' in a) return { name, type: T.INT, i: a.int };
    if ('ints' in a) return { name, type: T.INTS, ints: a.ints.slice() };
    if ('float' in a) return { name, type: T.FLOAT, f: a.float };
    if ('str' in a) return { name, type: T.STRING, s: new TextEncoder().encode(a.str) };
    return { name, type: T.TENSOR, t: toTensorProto(`${n.name}_value`, a.tensor) };
  });
  return { name: n.name, opType: n.opType, input: n.inputs.map((t) => t.name), output: n.outputs.map((t) => t.name), attribute };
}
