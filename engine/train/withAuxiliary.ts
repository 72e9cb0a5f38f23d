import { InputError } from '../../core/errors';
import { Tensor, add, mul, slice } from '../graph';
import type { ModelOutputs, TrainLoss } from './trainLosses';

/** The model's outputs on rows [from, to) of the batch. */
function rowsOf(model: ModelOutputs, from: number, to: number): ModelOutputs {
  const rows = (t: Tensor): Tensor => slice(t, [from], [to], [0]);
  return { logits: rows(model.logits), attentionMask: rows(model.attentionMask), head: model.head && { kind: model.head.kind, values: rows(model.head.values) } };
}

/**
 * `main` on rows [0, B - C) and `aux` on the last C rows of the same batch (one pass of the model over both), added as
 * main + weight * aux with the weight the scalar input `<aux name>Weight`. Each loss declares its inputs for its own
 * rows. Metrics: both losses'.
 */
export function withAuxiliary(name: string, main: TrainLoss, aux: TrainLoss, auxRows: number): TrainLoss {
  return {
    name,
    scalarHead: main.scalarHead,
    declare(g, B, T, dtype, source) {
      if (!Number.isInteger(auxRows) || auxRows < 1 || auxRows >= B) {
        throw new InputError(`${name} loss: ${aux.name} rows must be an integer in [1, ${B - 1}] for a batch of ${B} rows, got ${auxRows}`);
      }
      const mainRows = B - auxRows;
      const mainLoss = main.declare(g, mainRows, T, dtype, source);
      const auxLoss = aux.declare(g, auxRows, T, dtype, source);
      const weightName = `${aux.name}Weight`;
      const weight = source ? source(weightName, dtype, []) : g.input(weightName, dtype, []);
      return (model) => {
        const first = mainLoss(rowsOf(model, 0, mainRows));
        const extra = auxLoss(rowsOf(model, mainRows, B));
        return { loss: add(first.loss, mul(extra.loss, weight)), metrics: { ...first.metrics, ...extra.metrics } };
      };
    },
  };
}
