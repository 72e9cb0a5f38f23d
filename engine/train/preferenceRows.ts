import { InputError } from '../../core/errors';
import type { HostTensors } from '../runtime';
import type { PromptCompletion } from './sequenceBatch';
import { sequenceBatch } from './sequenceBatch';

/** A ranked pair in token ids: the prompt (bos first) and the two responses. */
export interface PreferenceExample {
  prompt: readonly number[];
  chosen: readonly number[];
  rejected: readonly number[];
}

/** The pairs as 2P prompt + response rows, chosen first (the layout of preferencePairs.ts). */
export function pairRows(pairs: readonly PreferenceExample[]): PromptCompletion[] {
  return [...pairs.map((p) => ({ prompt: p.prompt, completion: p.chosen })), ...pairs.map((p) => ({ prompt: p.prompt, completion: p.rejected }))];
}

/** The longest prompt + response of any pair: one row length, so one graph serves every step. */
export function pairLength(pairs: readonly PreferenceExample[], maxSeqLen: number, what: string): number {
  if (pairs.length === 0) throw new InputError(`${what}: no preference pairs`);
  const length = Math.max(...pairs.map((p) => p.prompt.length + Math.max(p.chosen.length, p.rejected.length)));
  if (length > maxSeqLen) throw new InputError(`${what}: a pair has ${length} tokens, the model's maxSeqLen is ${maxSeqLen}`);
  return length;
}

/** Right-padded rows of the pairs with targets and `responseMask` (sequenceBatch's layout). */
export function pairBatch(pairs: readonly PreferenceExample[], length: number, padId: number): HostTensors {
  return sequenceBatch(pairRows(pairs), length, padId, 'responseMask');
}
