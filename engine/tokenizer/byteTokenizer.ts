import { InputError } from '../../core/errors';

/**
 * Special tokens after the 256 byte values. The reserved ones keep room for chat roles or tool markers without
 * changing the vocabulary size (and so every checkpoint's embedding shape) later.
 */
export const SPECIAL_TOKENS = ['<|bos|>', '<|eos|>', '<|pad|>', '<|reserved0|>', '<|reserved1|>', '<|reserved2|>', '<|reserved3|>', '<|reserved4|>'] as const;
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

const BYTE_COUNT = 256;
export const BYTE_VOCAB_SIZE = BYTE_COUNT + SPECIAL_TOKENS.length;

/**
 * Byte-level tokenizer for tiny models: a token is one UTF-8 byte (ids 0..255) or a special token (256 and up).
 * Text is encoded as bytes only, so a literal "<|eos|>" typed in a prompt stays text and cannot end a sequence.
 */
export class ByteTokenizer {
  readonly vocabSize = BYTE_VOCAB_SIZE;
  readonly bos = this.idOf('<|bos|>');
  readonly eos = this.idOf('<|eos|>');
  readonly pad = this.idOf('<|pad|>');

  idOf(special: SpecialToken): number {
    const index = SPECIAL_TOKENS.indexOf(special);
    if (index < 0) throw new InputError(`byte tokenizer: unknown special token ${special} (known: ${SPECIAL_TOKENS.join(', ')})`);
    return BYTE_COUNT + index;
  }

  isSpecial(id: number): boolean {
    return id >= BYTE_COUNT;
  }

  encode(text: string, options: { bos?: boolean; eos?: boolean } = {}): number[] {
    const ids = Array.from(new TextEncoder().encode(text));
    if (options.bos) ids.unshift(this.bos);
    if (options.eos) ids.push(this.eos);
    return ids;
  }

  /** The bytes of the non-special tokens. */
  decodeBytes(ids: readonly number[]): Uint8Array {
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) throw new InputError(`byte tokenizer: token id ${id} is outside 0..${this.vocabSize - 1}`);
    }
    return Uint8Array.from(ids.filter((id) => !this.isSpecial(id)));
  }

  /** Text of the byte tokens; special tokens are dropped and invalid UTF-8 becomes U+FFFD. */
  decode(ids: readonly number[]): string {
    return new TextDecoder().decode(this.decodeBytes(ids));
  }
}
