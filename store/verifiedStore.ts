import { DeterminismError, InputError, IntegrityError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { ArtifactStore, BlobRef } from './artifactStore';
import { BLOB_PREFIX, blobKey, checkKey, checkPrefix, checkSha256 } from './keys';
import { decodeManifest, encodeManifest } from './manifestEnvelope';

/**
 * What a backend (local folder, S3 bucket) must provide: raw bytes under already-validated keys.
 * Hashing, verification and the determinism rules live once, in `VerifiedStore`, for every backend.
 */
export interface ObjectBackend {
  /** `file:///abs/path` or `s3://bucket/prefix`. */
  readonly location: string;
  /**
   * Stores `data` at `key` unless the key already exists, atomically: readers see all of it or nothing, and of
   * concurrent creators exactly one gets 'created'.
   */
  createOnly(key: string, data: Uint8Array): Promise<'created' | 'exists'>;
  /** The stored bytes, or undefined when the key does not exist. */
  read(key: string): Promise<Uint8Array | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every key starting with `prefix` (a plain string prefix, as in S3), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** A create-only write that races a delete can find the key gone again; a few retries settle it. */
const CREATE_ATTEMPTS = 3;

export class VerifiedStore implements ArtifactStore {
  constructor(private readonly backend: ObjectBackend) {}

  get location(): string {
    return this.backend.location;
  }

  async putBlob(data: Uint8Array): Promise<BlobRef> {
    const sha256 = sha256Hex(data);
    const key = blobKey(sha256);
    const ref = { uri: this.uriOf(key), sha256, bytes: data.byteLength };
    // Content-addressed: an existing blob already holds these bytes (reads verify that), so skip the upload.
    if (await this.backend.exists(key)) return ref;
    await this.createOnly(key, data, (existing) => {
      if (!Buffer.from(existing.buffer, existing.byteOffset, existing.byteLength).equals(data)) {
        throw new IntegrityError(
          `blob ${ref.uri} is corrupted: expected sha256 ${sha256}, got ${sha256Hex(existing)} (${existing.byteLength} bytes)`,
        );
      }
    });
    return ref;
  }

  /** Located by `ref.sha256` alone, so refs stay valid when a store is copied or moved. */
  async getBlob(ref: BlobRef): Promise<Uint8Array> {
    checkSha256(ref.sha256);
    const key = blobKey(ref.sha256);
    const uri = this.uriOf(key);
    const data = await this.backend.read(key);
    if (data === undefined) throw new IntegrityError(`blob ${uri} is missing (referenced as ${ref.uri})`);
    const actual = sha256Hex(data);
    if (actual !== ref.sha256 || data.byteLength !== ref.bytes) {
      throw new IntegrityError(
        `blob ${uri} is corrupted: expected sha256 ${ref.sha256} (${ref.bytes} bytes), ` +
          `got ${actual} (${data.byteLength} bytes)`,
      );
    }
    return data;
  }

  /** Existence only; the bytes are verified when read. */
  async hasBlob(sha256: string): Promise<boolean> {
    return this.backend.exists(blobKey(sha256));
  }

  /** The ref's sha256 and bytes describe the manifest's canonical JSON, so `sha256 === hashOf(value)`. */
  async putManifest(key: string, value: unknown): Promise<BlobRef> {
    checkKey(key, 'manifest key');
    if (key.startsWith(BLOB_PREFIX)) {
      throw new InputError(`invalid manifest key ${JSON.stringify(key)}: "${BLOB_PREFIX}" is reserved for blobs`);
    }
    const encoded = encodeManifest(key, value);
    const uri = this.uriOf(key);
    await this.createOnly(key, encoded.stored, (existing) => {
      const committed = decodeManifest(uri, existing);
      if (committed.sha256 !== encoded.sha256) {
        throw new DeterminismError(
          `manifest ${uri} already holds different content: committed sha256 ${committed.sha256}, ` +
            `new sha256 ${encoded.sha256}; the same input must produce the same bytes`,
        );
      }
    });
    return { uri, sha256: encoded.sha256, bytes: encoded.bytes };
  }

  async getManifest<T>(key: string): Promise<T | undefined> {
    checkKey(key, 'manifest key');
    const stored = await this.backend.read(key);
    if (stored === undefined) return undefined;
    return decodeManifest(this.uriOf(key), stored).value as T;
  }

  async list(prefix: string): Promise<string[]> {
    checkPrefix(prefix);
    return this.backend.list(prefix);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.backend.delete(key);
  }

  private uriOf(key: string): string {
    return `${this.backend.location}/${key}`;
  }

  /** Creates `key`, or hands the bytes already there to `checkExisting`, which throws when they conflict. */
  private async createOnly(key: string, data: Uint8Array, checkExisting: (existing: Uint8Array) => void) {
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      if ((await this.backend.createOnly(key, data)) === 'created') return;
      const existing = await this.backend.read(key);
      if (existing !== undefined) return checkExisting(existing);
    }
    throw new Error(`store ${this.uriOf(key)}: the key kept disappearing during a create-only write (concurrent deletes?)`);
  }
}
