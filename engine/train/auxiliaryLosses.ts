import { InputError } from '../../core/errors';
import type { HostTensors } from '../runtime';
import { CONTEXT_MARGIN_DEFAULTS } from './contextMarginLoss';
import { scalar } from './policyState';
import { sequenceBatch } from './sequenceBatch';
import { TrainLoss, contextMarginTrainLoss } from './trainLosses';

/**
 * A loss a policy update can add on extra rows of each micro-batch: its graph side (a TrainLoss over those rows, run
 * through withAuxiliary), the metrics it reports, and the host side that turns its rows into the loss's inputs.
 */
export interface AuxiliaryLoss<Row extends { prompt: readonly number[] }> {
  readonly loss: TrainLoss;
  readonly metrics: readonly string[];
  /** What is wrong with a row, if anything (the tokens a prompt may hold are checked by checkAuxiliaryRows). */
  problem(row: Row, vocabSize: number): string | undefined;
  /** The loss's inputs for these rows (their tokens are laid out by appendAuxiliaryRows). */
  feeds(rows: readonly Row[], settings: AuxiliarySettings): HostTensors;
}

/** A contrastive prompt (METHODS.md, ContextRL): after `prompt`, the policy should rank correctLabel over otherLabel. */
export interface ContextMarginRow {
  prompt: readonly number[];
  correctLabel: number;
  otherLabel: number;
}

const contextMargin: AuxiliaryLoss<ContextMarginRow> = {
  loss: contextMarginTrainLoss,
  metrics: ['contextLoss', 'contextMargin', 'contextAccuracy'],
  problem(row, vocabSize) {
    const bad = (['correctLabel', 'otherLabel'] as const).find((key) => !Number.isInteger(row[key]) || row[key] < 0 || row[key] >= vocabSize);
    return bad && `${bad} must be a token id in [0, ${vocabSize}), got ${row[bad]}`;
  },
  feeds(rows, settings) {
    return {
      // The label is predicted from the prompt's last column.
      choicePositions: int64(rows.map((row) => row.prompt.length - 1)),
      correctLabels: int64(rows.map((row) => row.correctLabel)),
      otherLabels: int64(rows.map((row) => row.otherLabel)),
      contextMarginClip: scalar(settings.clip ?? CONTEXT_MARGIN_DEFAULTS.clip),
    };
  },
};

/** The auxiliary losses by name (settings.auxiliary.loss); each one's TrainLoss has the same name. */
export const AUXILIARY_LOSSES = { contextMargin } as const;
export type AuxiliaryLossName = keyof typeof AUXILIARY_LOSSES;
type RowOf<N extends AuxiliaryLossName> = (typeof AUXILIARY_LOSSES)[N] extends AuxiliaryLoss<infer Row> ? Row : never;

/** What an auxiliary loss is computed with besides its rows. */
export interface AuxiliarySettings {
  /** contextMargin: the margin is clipped to [-clip, clip] (default 5). */
  clip?: number;
}

/** Rows for an auxiliary loss and its weight in the objective; they are split over micro-batches as the main rows are. */
export type AuxiliaryRows = { [N in AuxiliaryLossName]: { loss: N; weight: number; rows: readonly RowOf<N>[] } & AuxiliarySettings }[AuxiliaryLossName];

/** Throws on the first auxiliary row that is empty, longer than `length` tokens or wrong for its loss. */
export function checkAuxiliaryRows(auxiliary: AuxiliaryRows, length: number, vocabSize: number): void {
  if (!Number.isFinite(auxiliary.weight)) throw new InputError(`policy update: auxiliary ${auxiliary.loss} weight must be a finite number, got ${auxiliary.weight}`);
  if (auxiliary.clip !== undefined && !(auxiliary.clip > 0)) throw new InputError(`policy update: auxiliary ${auxiliary.loss} clip must be positive, got ${auxiliary.clip}`);
  auxiliary.rows.forEach((row, i) => {
    const n = row.prompt.length;
    const problem = n === 0 || n > length ? `has ${n} prompt tokens, the batch holds 1 to ${length}` : AUXILIARY_LOSSES[auxiliary.loss].problem(row, vocabSize);
    if (problem) throw new InputError(`policy update: auxiliary ${auxiliary.loss} row ${i} ${problem}`);
  });
}

/**
 * A batch (tokens, attentionMask and its loss's inputs) with `rows` of the auxiliary loss after its own rows: their
 * prompts right-padded to the batch's length, their loss's inputs, and its weight as `<name>Weight`.
 */
export function appendAuxiliaryRows(batch: HostTensors, auxiliary: AuxiliaryRows, rows: AuxiliaryRows['rows'], padId: number): HostTensors {
  const [B, length] = batch.tokens.dims;
  const entry = AUXILIARY_LOSSES[auxiliary.loss];
  const laidOut = sequenceBatch(rows.map((row) => ({ prompt: row.prompt, completion: [] })), length, padId, 'unused');
  const C = rows.length;
  const tokens = new BigInt64Array((B + C) * length);
  tokens.set(batch.tokens.data as BigInt64Array);
  tokens.set(laidOut.tokens.data as BigInt64Array, B * length);
  const attentionMask = new Uint8Array((B + C) * length);
  attentionMask.set(batch.attentionMask.data as Uint8Array);
  attentionMask.set(laidOut.attentionMask.data as Uint8Array, B * length);
  return {
    ...batch,
    ...entry.feeds(rows, auxiliary),
    tokens: { dtype: 'int64', dims: [B + C, length], data: tokens },
    attentionMask: { dtype: 'bool', dims: [B + C, length], data: attentionMask },
    [`${entry.loss.name}Weight`]: scalar(auxiliary.weight),
  };
}

function int64(values: readonly number[]): HostTensors[string] {
  return { dtype: 'int64', dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) };
}
