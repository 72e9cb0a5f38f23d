import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors';
import type { ArtifactStore } from '../store/artifactStore';
import { openStore } from '../store/openStore';
import { checkpointKey, resolveCheckpointId } from '../training/checkpointStore';

/** Where a checkpoint manifest lives, and the id it is served under. */
export interface CheckpointLocation {
  store: ArtifactStore;
  key: string;
  /** The checkpoint id (manifest hash) for `checkpoints/<id>.json`, else the key. */
  id: string;
}

const ID_REF = /^(checkpoints\/)?[0-9a-f]{8,64}(\.json)?$/;
const ID_KEY = /^checkpoints\/([0-9a-f]{64})\.json$/;

/**
 * Resolves a checkpoint reference, in this order: the manifest's URI (`<store location>/<key>`, as putManifest
 * returns it); the path (or file: URI) of a manifest file in a folder store, the store being the nearest folder above
 * it that holds `blobs/`; a checkpoint id, unique id prefix or `checkpoints/<id>.json` in the store at DRL_STORE
 * (default .drl/store), as training runs commit them; any other manifest key in that store.
 */
export async function resolveCheckpointRef(ref: string, defaultStore: ArtifactStore = openStore()): Promise<CheckpointLocation> {
  if (ref.trim() === '') throw new InputError('--checkpoint: empty checkpoint reference');
  if (ref.startsWith(`${defaultStore.location}/`)) return located(defaultStore, ref.slice(defaultStore.location.length + 1));
  const file = ref.startsWith('file:') ? fileURLToPath(ref) : ref;
  if (existsSync(file) && statSync(file).isFile()) return inFolderStore(path.resolve(file));
  if (ref.startsWith('file:') || ref.startsWith('s3:')) {
    throw new InputError(`--checkpoint ${ref}: no manifest there (an s3:// checkpoint is named by DRL_STORE=s3://bucket/prefix and its id or key)`);
  }
  if (ID_REF.test(ref)) return located(defaultStore, checkpointKey(await resolveCheckpointId(defaultStore, ref)));
  return located(defaultStore, ref);
}

function located(store: ArtifactStore, key: string): CheckpointLocation {
  return { store, key, id: ID_KEY.exec(key)?.[1] ?? key };
}

function inFolderStore(file: string): CheckpointLocation {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'blobs'))) return located(openStore(dir), path.relative(dir, file).split(path.sep).join('/'));
  }
  throw new InputError(`--checkpoint ${file}: not inside an artifact store folder (no blobs/ folder above it)`);
}
