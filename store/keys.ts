import { InputError } from '../core/errors';

/**
 * Store keys are portable relative paths that mean the same on a local folder and in an S3 bucket.
 * A segment may not start with '.': that rules out '.' and '..' and keeps the fs backend's temp files
 * (which start with '.') out of the key space, so `list` can never return one.
 */
const SEGMENT = /^[A-Za-z0-9_@=+-][A-Za-z0-9._@=+-]*$/;
/** S3 allows 1024 bytes per object key; leave room for a bucket prefix. */
const MAX_KEY_LENGTH = 900;
const MAX_SEGMENT_LENGTH = 255;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const BLOB_PREFIX = 'blobs/';

/** Throws `InputError` naming `key` unless it is a valid store key. */
export function checkKey(key: string, what = 'store key'): void {
  const problem = keyProblem(key);
  if (problem) throw new InputError(`invalid ${what} ${JSON.stringify(key)}: ${problem}`);
}

/** A list prefix is empty, a whole key, a key followed by '/', or a key with a partial last segment. */
export function checkPrefix(prefix: string): void {
  if (prefix === '') return;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  checkKey(trimmed, 'list prefix');
}

function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'not a string';
  if (key === '') return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'absolute paths are not allowed (remove the leading "/")';
  if (/^[A-Za-z]:/.test(key)) return 'drive-letter paths are not allowed';
  if (key.includes('\\')) return 'backslashes are not allowed (use "/")';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty segment ("//" or a trailing "/")';
    if (segment === '..' || segment === '.') return `"${segment}" segments are not allowed`;
    if (segment.length > MAX_SEGMENT_LENGTH) return `segment longer than ${MAX_SEGMENT_LENGTH} characters`;
    if (!SEGMENT.test(segment)) {
      return `segment ${JSON.stringify(segment)} must use only A-Z a-z 0-9 . _ @ = + - and not start with "."`;
    }
  }
  return undefined;
}

/** Throws `InputError` unless `sha256` is 64 lowercase hex digits. */
export function checkSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new InputError(`invalid sha256 ${JSON.stringify(sha256)}: expected 64 lowercase hex digits`);
  }
}

/** Where the blob with this content hash lives: `blobs/<sha[0:2]>/<sha>` (fan-out keeps folders small). */
export function blobKey(sha256: string): string {
  checkSha256(sha256);
  return `${BLOB_PREFIX}${sha256.slice(0, 2)}/${sha256}`;
}
