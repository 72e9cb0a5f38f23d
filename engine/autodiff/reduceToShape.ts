import { Tensor, reduceSum, squeeze } from '../graph';

/** Sums a broadcast gradient over the axes that broadcasting added or stretched, back to `target`'s shape. */
export function reduceToShape(grad: Tensor, target: Tensor): Tensor {
  const lead = grad.rank - target.rank;
  const axes: number[] = [];
  grad.shape.forEach((d, i) => {
    if (i < lead || (target.shape[i - lead] === 1 && d !== 1)) axes.push(i);
  });
  if (axes.length === 0) return grad;
  const summed = reduceSum(grad, axes, true);
  return lead > 0 ? squeeze(summed, axes.slice(0, lead)) : summed;
}
