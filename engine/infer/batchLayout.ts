import { InputError } from '../../core/errors';

/** Token rows packed into one [B, T] batch, ready to feed. */
export interface PaddedBatch {
  rows: number;
  length: number;
  tokens: BigInt64Array;
  attentionMask: Uint8Array;
  /** RoPE positions: a row counts from its first real token, so its padding changes nothing it computes. */
  positions: BigInt64Array;
  /** Column of each row's first real token. */
  starts: number[];
}

/**
 * Left-pads rows to `length` (at least the longest row), so every row's last token sits in the last column and
 * decoding appends one column for all rows at once.
 */
export function leftPad(rows: ReadonlyArray<readonly number[]>, length: number, padId: number): PaddedBatch {
  const longest = Math.max(...rows.map((r) => r.length));
  if (rows.some((r) => r.length === 0)) throw new InputError('infer: every sequence needs at least one token (start prompts with bos)');
  if (length < longest) throw new InputError(`infer: padded length ${length} is shorter than the longest sequence (${longest})`);
  const B = rows.length;
  const tokens = new BigInt64Array(B * length).fill(BigInt(padId));
  const attentionMask = new Uint8Array(B * length);
  const positions = new BigInt64Array(B * length);
  const starts = rows.map((row, b) => {
    const start = length - row.length;
    row.forEach((id, j) => {
      tokens[b * length + start + j] = BigInt(id);
      attentionMask[b * length + start + j] = 1;
      positions[b * length + start + j] = BigInt(j);
    });
    return start;
  });
  return { rows: B, length, tokens, attentionMask, positions, starts };
}

/** Prefill lengths are rounded up to a power of two (at least 8) so a few graphs serve every prompt length. */
export function bucketLength(length: number, limit: number): number {
  let bucket = 8;
  while (bucket < length) bucket *= 2;
  return Math.max(length, Math.min(bucket, limit));
}
