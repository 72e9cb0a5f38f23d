import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash of a value's canonical JSON: equal configs get equal ids whatever their key order. */
export function hashOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
