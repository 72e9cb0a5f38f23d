/**
 * Where checkpoints live in the artifact store: the manifest of checkpoint H is `checkpoints/H.json`, H being the
 * hash of the manifest itself, so a checkpoint id names exactly one set of weights and the chain of parents is a
 * chain of hashes that `drl verify` can check. Any unique prefix of H (at least 8 characters) is accepted as a ref.
 */
import { InputError, IntegrityError } from '../core/errors';
import { hashOf } from '../core/hash';
import { loadCheckpoint, validateCheckpoint, type CheckpointContents, type CheckpointManifest } from '../engine/io/checkpoint';
import type { ArtifactStore } from '../store/artifactStore';

const PREFIX = 'checkpoints/';

export function checkpointKey(id: string): string {
  return `${PREFIX}${id}.json`;
}

/** Commits a validated manifest (create-only: the same id always has the same bytes) and returns its id. */
export async function commitCheckpoint(store: ArtifactStore, manifest: CheckpointManifest): Promise<string> {
  const id = hashOf(manifest);
  await store.putManifest(checkpointKey(id), manifest);
  return id;
}

/** The full id of a checkpoint ref: an id, a unique id prefix, or a `checkpoints/<id>.json` key. */
export async function resolveCheckpointId(store: ArtifactStore, ref: string): Promise<string> {
  const bare = ref.replace(/^checkpoints\//, '').replace(/\.json$/, '');
  if (!/^[0-9a-f]{8,64}$/.test(bare)) throw new InputError(`checkpoint ref "${ref}" is not a checkpoint id (hex, at least 8 characters)`);
  if (bare.length === 64) return bare;
  const matches = (await store.list(`${PREFIX}${bare}`)).filter((key) => key.endsWith('.json'));
  if (matches.length === 0) throw new InputError(`no checkpoint ${ref} in ${store.location}`);
  if (matches.length > 1) throw new InputError(`checkpoint ref ${ref} is ambiguous in ${store.location}: ${matches.length} matches`);
  return matches[0].slice(PREFIX.length, -'.json'.length);
}

/** The manifest of a checkpoint, checked against its id and its model config. */
export async function readCheckpointManifest(store: ArtifactStore, ref: string): Promise<CheckpointManifest & { id: string }> {
  const id = await resolveCheckpointId(store, ref);
  const manifest = await store.getManifest<CheckpointManifest>(checkpointKey(id));
  if (!manifest) throw new InputError(`no checkpoint ${id} in ${store.location}`);
  if (hashOf(manifest) !== id) throw new IntegrityError(`checkpoint ${id}: manifest does not hash to its id`);
  return { ...validateCheckpoint(manifest), id };
}

/** A checkpoint's manifest and tensors. */
export async function readCheckpoint(store: ArtifactStore, ref: string): Promise<CheckpointManifest & CheckpointContents & { id: string }> {
  const manifest = await readCheckpointManifest(store, ref);
  return { ...(await loadCheckpoint(store, manifest)), id: manifest.id };
}

/**
 * Copies a checkpoint (manifest and every tensor blob, each verified on the way) from one store to another, e.g. a
 * base policy shipped with the repository into the user's store. Returns its id, the same in both stores.
 */
export async function copyCheckpoint(from: ArtifactStore, to: ArtifactStore, ref: string): Promise<string> {
  const manifest = await readCheckpointManifest(from, ref);
  for (const tensor of [...manifest.tensors, ...(manifest.optimizer?.tensors ?? [])]) {
    if (!(await to.hasBlob(tensor.blob.sha256))) await to.putBlob(await from.getBlob(tensor.blob));
  }
  const { id, ...body } = manifest;
  return commitCheckpoint(to, body);
}
