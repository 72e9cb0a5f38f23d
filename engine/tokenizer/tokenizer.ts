/**
 * What the engine needs of any tokenizer: the sampler, the trainers and the server take this, so a byte-level model
 * and an imported Hugging Face model are driven the same way. ByteTokenizer and HuggingFaceTokenizer implement it.
 */
export interface Tokenizer {
  readonly vocabSize: number;
  /** null where the model has no beginning-of-sequence token (Qwen2); then `encode(text, {bos: true})` adds none. */
  readonly bos: number | null;
  readonly eos: number;
  /** Fills left-padded rows; models without a pad token pad with eos (never attended to, so any id would do). */
  readonly pad: number;
  encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[];
  /** Text of the ids, special tokens dropped. */
  decode(ids: readonly number[]): string;
  isSpecial(id: number): boolean;
}
