import { SPECIAL_TOKENS } from '../engine/tokenizer/byteTokenizer';

const BYTE_COUNT = 256;

/**
 * How a byte-level token is shown in log-probs: an ASCII byte as its character, any other byte as OpenAI writes a
 * token that is not valid UTF-8 on its own ("bytes:\xe2"), a special token by its name ("<|eos|>"), so the strings
 * of distinct tokens never collide.
 */
export function tokenString(id: number): string {
  if (id >= BYTE_COUNT) return SPECIAL_TOKENS[id - BYTE_COUNT] ?? `<|token${id}|>`;
  if (id < 0x80) return String.fromCharCode(id);
  return `bytes:\\x${id.toString(16).padStart(2, '0')}`;
}

/** The token's bytes (chat log-probs' `bytes`); null for a special token, which has none. */
export function tokenBytes(id: number): number[] | null {
  return id < BYTE_COUNT ? [id] : null;
}
