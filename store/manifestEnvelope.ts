import { canonicalJson } from '../core/canonicalJson';
import { IntegrityError, InputError } from '../core/errors';
import { sha256Hex } from '../core/hash';

/**
 * A manifest is stored as one JSON object, written byte for byte as
 *   {"sha256":"<sha256 of body>","body":<canonical JSON of the value>}
 * so the file is still plain JSON (`jq .body`) while reads verify the body's raw bytes against the hash
 * before parsing: a truncated or corrupted manifest is an IntegrityError, never a JSON.parse error or a
 * silently different value. The hash and the body travel in one object, so one atomic create commits both.
 */
const HEAD = Buffer.from('{"sha256":"');
const SHA_LENGTH = 64;
const MIDDLE = Buffer.from('","body":');
const TAIL = Buffer.from('}');
const BODY_START = HEAD.length + SHA_LENGTH + MIDDLE.length;

export interface EncodedManifest {
  /** The bytes to store. */
  stored: Buffer;
  /** sha256 of the canonical body: equals `hashOf(value)`. */
  sha256: string;
  /** Length of the canonical body in bytes. */
  bytes: number;
}

export function encodeManifest(key: string, value: unknown): EncodedManifest {
  let body: string | undefined;
  try {
    body = canonicalJson(value);
  } catch (err) {
    throw new InputError(`manifest ${key}: value has no JSON form (${(err as Error).message})`);
  }
  if (body === undefined) throw new InputError(`manifest ${key}: value ${String(value)} has no JSON form`);
  const bodyBytes = Buffer.from(body, 'utf8');
  const sha256 = sha256Hex(bodyBytes);
  const stored = Buffer.concat([HEAD, Buffer.from(sha256, 'ascii'), MIDDLE, bodyBytes, TAIL]);
  return { stored, sha256, bytes: bodyBytes.length };
}

export interface DecodedManifest {
  value: unknown;
  sha256: string;
  bytes: number;
}

/** Verifies `stored` (read from `where`) and returns its value; throws IntegrityError naming `where`. */
export function decodeManifest(where: string, stored: Uint8Array): DecodedManifest {
  const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const actualOfAll = sha256Hex(buf);
  const wellFormed =
    buf.length >= BODY_START + TAIL.length &&
    buf.subarray(0, HEAD.length).equals(HEAD) &&
    buf.subarray(HEAD.length + SHA_LENGTH, BODY_START).equals(MIDDLE) &&
    buf.subarray(buf.length - TAIL.length).equals(TAIL);
  if (!wellFormed) {
    throw new IntegrityError(
      `manifest ${where} is corrupted or truncated: ${buf.length} bytes without a valid ` +
        `{"sha256":...,"body":...} envelope (expected sha256 unreadable, sha256 of stored bytes ${actualOfAll})`,
    );
  }
  const expected = buf.subarray(HEAD.length, HEAD.length + SHA_LENGTH).toString('latin1');
  const bodyBytes = buf.subarray(BODY_START, buf.length - TAIL.length);
  const actual = sha256Hex(bodyBytes);
  if (actual !== expected) {
    throw new IntegrityError(
      `manifest ${where} is corrupted: expected body sha256 ${expected}, got ${actual} (${bodyBytes.length} body bytes)`,
    );
  }
  // The hash matched, so the body is exactly what was committed: canonical JSON that parses.
  return { value: JSON.parse(bodyBytes.toString('utf8')), sha256: actual, bytes: bodyBytes.length };
}
