import { ByteTokenizer, HuggingFaceTokenizer, Tokenizer } from '../engine/tokenizer';
import { SPECIAL_TOKENS } from '../engine/tokenizer/byteTokenizer';

const BYTE_COUNT = 256;

/** How a served model's tokens are shown in log-probs. */
export interface TokenText {
  /** The token's text; a token that is part of a character as OpenAI writes it ("bytes:\xe2"); a special token by name. */
  string(id: number): string;
  /** The token's bytes (chat log-probs' `bytes`); null for a special token, which has none. */
  bytes(id: number): number[] | null;
}

export function tokenTextOf(tokenizer: Tokenizer): TokenText {
  if (tokenizer instanceof ByteTokenizer) return BYTE_TOKEN_TEXT;
  if (tokenizer instanceof HuggingFaceTokenizer) return huggingFaceTokenText(tokenizer);
  throw new Error(`serve: no token names for a ${tokenizer.constructor.name}`);
}

/** Byte tokens: an ASCII byte as its character, any other byte as "bytes:\xe2", so distinct tokens never collide. */
const BYTE_TOKEN_TEXT: TokenText = {
  string(id) {
    if (id >= BYTE_COUNT) return SPECIAL_TOKENS[id - BYTE_COUNT] ?? `<|token${id}|>`;
    if (id < 0x80) return String.fromCharCode(id);
    return bytesName([id]);
  },
  bytes: (id) => (id < BYTE_COUNT ? [id] : null),
};

function huggingFaceTokenText(tokenizer: HuggingFaceTokenizer): TokenText {
  const strict = new TextDecoder('utf-8', { fatal: true });
  return {
    string(id) {
      const bytes = tokenizer.tokenBytes(id);
      if (bytes === null) return tokenizer.tokenPiece(id) ?? `<|token${id}|>`;
      try {
        return strict.decode(bytes);
      } catch {
        return bytesName([...bytes]);
      }
    },
    bytes: (id) => {
      const bytes = tokenizer.tokenBytes(id);
      return bytes && [...bytes];
    },
  };
}

function bytesName(bytes: number[]): string {
  return `bytes:${bytes.map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}`;
}
