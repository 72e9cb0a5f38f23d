import { InputError } from '../../core/errors';
import type { HostTensors } from '../runtime';

export interface PromptCompletion {
  prompt: readonly number[];
  completion: readonly number[];
}

/**
 * Prompt + completion rows for a train-step graph, right-padded to `length`. The train graphs take no positions, so
 * RoPE counts 0..T-1 from column 0: with right padding that is each row's own count from its first token, the same
 * positions the sampler gives its left-padded rows, and causal attention never reaches the padding after a row.
 * Returns tokens, attentionMask, targets (the next token at each column) and `maskName` (float32, 1 where the
 * target is a completion token).
 */
export function sequenceBatch(rows: readonly PromptCompletion[], length: number, padId: number, maskName: string): HostTensors {
  const B = rows.length;
  const tokens = new BigInt64Array(B * length).fill(BigInt(padId));
  const targets = new BigInt64Array(B * length).fill(BigInt(padId));
  const attentionMask = new Uint8Array(B * length);
  const completionMask = new Float32Array(B * length);
  rows.forEach(({ prompt, completion }, b) => {
    const sequence = [...prompt, ...completion];
    if (prompt.length === 0) throw new InputError(`train batch: row ${b} has an empty prompt (start prompts with bos)`);
    if (sequence.length > length) throw new InputError(`train batch: row ${b} has ${sequence.length} tokens, the batch holds ${length}`);
    sequence.forEach((id, c) => {
      tokens[b * length + c] = BigInt(id);
      attentionMask[b * length + c] = 1;
      if (c + 1 < sequence.length) targets[b * length + c] = BigInt(sequence[c + 1]);
      // Column c predicts token c + 1: the completion's tokens are predicted from the prompt's last column on.
      if (c + 1 >= prompt.length && c + 1 < sequence.length) completionMask[b * length + c] = 1;
    });
  });
  return {
    tokens: { dtype: 'int64', dims: [B, length], data: tokens },
    attentionMask: { dtype: 'bool', dims: [B, length], data: attentionMask },
    targets: { dtype: 'int64', dims: [B, length], data: targets },
    [maskName]: { dtype: 'float32', dims: [B, length], data: completionMask },
  };
}
