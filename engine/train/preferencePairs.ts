import { InputError } from '../../core/errors';
import { Tensor, cast, greater, reduceMean, scalarLike, slice } from '../graph';

/**
 * Preference batches hold P pairs in 2P rows: rows [0, P) are the chosen responses, rows [P, 2P) the rejected ones,
 * pair i being rows i and P + i. Returns the two halves of a per-row tensor [2P, ...].
 */
export function splitPairs(rows: Tensor, what: string): { chosen: Tensor; rejected: Tensor } {
  const n = rows.shape[0];
  if (typeof n !== 'number' || n < 2 || n % 2 !== 0) {
    throw new InputError(`${what}: a preference batch needs an even number of rows (chosen, then rejected), got ${rows}`);
  }
  return { chosen: slice(rows, [0], [n / 2], [0]), rejected: slice(rows, [n / 2], [n], [0]) };
}

/** Mean margin and the share of pairs whose margin is positive (the chosen response ranked first). */
export function pairMetrics(margins: Tensor): { accuracy: Tensor; margin: Tensor } {
  return { accuracy: reduceMean(cast(greater(margins, scalarLike(margins, 0)), margins.dtype), [0]), margin: reduceMean(margins, [0]) };
}
