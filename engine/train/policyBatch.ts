import { InputError } from '../../core/errors';
import type { HostTensors } from '../runtime';
import { sequenceBatch } from './sequenceBatch';

/** One sampled completion to learn from: its prompt and completion tokens, the sampler's log-probs, its advantages. */
export interface PolicyRow {
  prompt: readonly number[];
  completion: readonly number[];
  /** log p_old of each completion token, as the sampler reported it. */
  logProbs: ArrayLike<number>;
  /** log p_ref of each completion token; needed when klBeta > 0. */
  refLogProbs?: ArrayLike<number>;
  /** A number is the sequence's advantage, given to each of its completion tokens; an array has one per token. */
  advantages: number | ArrayLike<number>;
  /**
   * 1 on the completion tokens the policy chose, 0 on tokens it did not (a tool's observation inserted into the
   * sequence): those are left out of the loss, the KL, the clip fraction and every token count. Absent: all 1.
   */
  lossMask?: ArrayLike<number>;
}

/** Throws on the first row whose per-token arrays do not match its completion; `needsRef` when a KL term reads refLogProbs. */
export function checkPolicyRows(rows: readonly PolicyRow[], needsRef: boolean): void {
  rows.forEach((row, i) => {
    const fail = (why: string): never => {
      throw new InputError(`policy update: row ${i} ${why}`);
    };
    const n = row.completion.length;
    const perToken = { logProbs: row.logProbs, refLogProbs: row.refLogProbs, advantages: typeof row.advantages === 'number' ? undefined : row.advantages, lossMask: row.lossMask };
    for (const [name, values] of Object.entries(perToken)) if (values && values.length !== n) fail(`has ${values.length} ${name} for its ${n} completion tokens`);
    if (needsRef && !row.refLogProbs) fail('has no refLogProbs; klBeta > 0 needs reference log-probs for every row');
    if (row.lossMask && Array.prototype.some.call(row.lossMask, (m) => m !== 0 && m !== 1)) fail('has a lossMask value other than 0 or 1');
  });
}

/**
 * The policy loss's batch for `rows`, right-padded to `length` (sequenceBatch): tokens, attentionMask, targets, and the
 * per-token responseMask (completion tokens times lossMask), advantages, oldLogProbs and, `withRef`, refLogProbs,
 * each value in the column that predicts its token.
 */
export function policyBatch(rows: readonly PolicyRow[], length: number, padId: number, withRef: boolean): HostTensors {
  const batch = sequenceBatch(rows, length, padId, 'responseMask');
  const perToken = (valueAt: (row: PolicyRow, j: number) => number) => perTokenTensor(rows, length, valueAt);
  const lossMask = perToken((row, j) => (row.lossMask ? row.lossMask[j] : 1)).data as Float32Array;
  const responseMask = batch.responseMask.data as Float32Array;
  responseMask.forEach((m, i) => (responseMask[i] = m * lossMask[i]));
  batch.advantages = perToken((row, j) => (typeof row.advantages === 'number' ? row.advantages : row.advantages[j]));
  batch.oldLogProbs = perToken((row, j) => row.logProbs[j]);
  if (withRef) batch.refLogProbs = perToken((row, j) => row.refLogProbs![j]);
  return batch;
}

/** A [B, length] float32 tensor with `valueAt(row, j)` in the column that predicts completion token j, 0 elsewhere. */
export function perTokenTensor<R extends { prompt: readonly number[]; completion: readonly number[] }>(rows: readonly R[], length: number, valueAt: (row: R, j: number) => number): HostTensors[string] {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, b) => {
    for (let j = 0; j < row.completion.length; j++) data[b * length + row.prompt.length - 1 + j] = valueAt(row, j);
  });
  return { dtype: 'float32', dims: [rows.length, length], data };
}
