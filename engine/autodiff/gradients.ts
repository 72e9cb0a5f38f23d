import { InputError } from '../../core/errors';
import { Tensor, add, fillLike, formatShape, isFloat, staticSize } from '../graph';
import { gradientRules } from './rules';

/**
 * Appends to the graph the gradients of the scalar `loss` with respect to `wrt`, walking the nodes (kept in
 * topological order by the builder) in reverse and summing contributions. A tensor the loss does not depend on gets
 * zeros. `seed` (default 1) is the gradient flowing into the loss.
 */
export function gradients(loss: Tensor, wrt: readonly Tensor[], seed?: Tensor): Tensor[] {
  const graph = loss.graph;
  if (staticSize(loss.shape) !== 1) throw new InputError(`gradients: loss ${loss.name} must be a scalar, got ${formatShape(loss.shape)}`);
  const dependsOnWrt = new Set<Tensor>(wrt);
  for (const node of graph.nodes) {
    if (node.inputs.some((t) => dependsOnWrt.has(t))) for (const t of node.outputs) if (isFloat(t.dtype)) dependsOnWrt.add(t);
  }
  const grads = new Map<Tensor, Tensor>([[loss, seed ?? fillLike(loss, 1)]]);
  const accumulate = (t: Tensor, g: Tensor): void => {
    const prev = grads.get(t);
    grads.set(t, prev ? add(prev, g) : g);
  };
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i];
    if (!node.outputs.some((t) => grads.has(t)) || !node.inputs.some((t) => dependsOnWrt.has(t))) continue;
    const rule = gradientRules[node.opType];
    if (!rule) throw new InputError(`autodiff: no gradient rule for op ${node.opType} (node ${node.name}, output ${node.outputs[0].name})`);
    const dys = node.outputs.map((t) => grads.get(t) ?? fillLike(t, 0));
    const dxs = rule(dys, node);
    node.inputs.forEach((x, k) => {
      if (!dependsOnWrt.has(x)) return;
      const dx = dxs[k];
      if (!dx) throw new InputError(`autodiff: ${node.opType} (node ${node.name}) has no gradient for input ${k} (${x.name})`);
      accumulate(x, dx);
    });
  }
  return wrt.map((t) => grads.get(t) ?? fillLike(t, 0));
}
