import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors';
import type { ArtifactStore } from './artifactStore';
import { createFsStore, DEFAULT_FS_STORE_ROOT } from './fsStore';
import { createS3Store } from './s3Store';

/**
 * Opens the store at `location`, else `DRL_STORE`, else `.drl/store` under the current directory.
 * A location is `file:///abs/path`, `s3://bucket/prefix`, or a plain (relative or absolute) path.
 */
export function openStore(location: string | undefined = process.env.DRL_STORE): ArtifactStore {
  const where = location?.trim() || DEFAULT_FS_STORE_ROOT;
  if (where.startsWith('s3://')) return createS3Store(where);
  if (where.startsWith('file:')) return createFsStore(filePathOf(where));
  // Anything else with a scheme (http:, gs:, s3a:) is a mistake, not a folder name; drive letters are paths.
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(where)) {
    throw new InputError(`unsupported store location ${JSON.stringify(where)}: use file://..., s3://bucket/prefix or a path`);
  }
  return createFsStore(path.resolve(where));
}

function filePathOf(url: string): string {
  try {
    return fileURLToPath(url);
  } catch (err) {
    throw new InputError(`invalid store URL ${JSON.stringify(url)}: ${(err as Error).message}`);
  }
}
