/**
 * A reference that crosses Temporal instead of the bytes themselves. `uri` is `<store location>/<key>`; for a
 * manifest, `sha256` and `bytes` describe its canonical JSON, so `sha256 === hashOf(value)`.
 */
export interface BlobRef {
  uri: string;
  sha256: string;
  bytes: number;
}

/**
 * The artifact store: content-addressed blobs plus named manifests, on a local folder or an S3 bucket.
 *
 * Keys are relative paths of `/`-separated segments (no `..`, no leading `/`, no empty segment).
 * Blobs live under `blobs/<sha256[0:2]>/<sha256>`; `putBlob` of bytes already stored is a no-op.
 * Manifests are JSON documents committed atomically (readers see all of one or nothing) with a create-only write:
 * committing different bytes under an existing key throws `DeterminismError`; the same bytes return the existing ref.
 * Every read verifies the content hash and throws `IntegrityError` naming the key on a mismatch.
 * Invalid keys, prefixes and hashes throw `InputError`. Implementations: `createFsStore`, `createS3Store`, and
 * `openStore` to pick one from a location.
 */
export interface ArtifactStore {
  /** `file:///abs/path` or `s3://bucket/prefix`, for messages and lineage. */
  readonly location: string;
  putBlob(data: Uint8Array): Promise<BlobRef>;
  /** Located by `ref.sha256`; a missing or altered blob is an `IntegrityError`. */
  getBlob(ref: BlobRef): Promise<Uint8Array>;
  /** Existence only (no read); the bytes are verified by `getBlob`. */
  hasBlob(sha256: string): Promise<boolean>;
  putManifest(key: string, value: unknown): Promise<BlobRef>;
  /** The manifest at `key`, or undefined when none was committed. */
  getManifest<T>(key: string): Promise<T | undefined>;
  /** Keys starting with `prefix` (a string prefix, as in S3: `runs/a` also matches `runs/ab/...`), sorted. */
  list(prefix: string): Promise<string[]>;
  /** For retention; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}
