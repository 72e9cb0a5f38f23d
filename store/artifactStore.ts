/** A reference that crosses Temporal instead of the bytes themselves. */
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
 */
export interface ArtifactStore {
  /** `file:///abs/path` or `s3://bucket/prefix`, for messages and lineage. */
  readonly location: string;
  putBlob(data: Uint8Array): Promise<BlobRef>;
  getBlob(ref: BlobRef): Promise<Uint8Array>;
  hasBlob(sha256: string): Promise<boolean>;
  putManifest(key: string, value: unknown): Promise<BlobRef>;
  /** The manifest at `key`, or undefined when none was committed. */
  getManifest<T>(key: string): Promise<T | undefined>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}
