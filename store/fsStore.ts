import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactStore } from './artifactStore';
import { VerifiedStore, type ObjectBackend } from './verifiedStore';

export const DEFAULT_FS_STORE_ROOT = '.drl/store';

/** An artifact store in a local folder (default `.drl/store` under the current directory). */
export function createFsStore(root: string = DEFAULT_FS_STORE_ROOT): ArtifactStore {
  return new VerifiedStore(new FsBackend(root));
}

/**
 * Keys map to files under `root`. A commit writes a temp file in the target folder, fsyncs it, then `link`s it to
 * the final name: `link` is atomic and fails with EEXIST when the name exists, so readers never see a partial file
 * and of concurrent writers exactly one wins. Temp names start with '.', which keys never do (see keys.ts).
 */
export class FsBackend implements ObjectBackend {
  readonly root: string;
  readonly location: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.location = pathToFileURL(this.root).href;
  }

  async createOnly(key: string, data: Uint8Array): Promise<'created' | 'exists'> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.link(temp, target);
      } catch (err) {
        if (errorCode(err) === 'EEXIST') return 'exists';
        throw err;
      }
      await syncDir(dir);
      return 'created';
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (err) {
      if (isAbsent(err)) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (isAbsent(err)) return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    // Only the folder holding the prefix's last complete segment can contain matches.
    const dirKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    await this.walk(dirKey, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.unlink(this.pathOf(key));
    } catch (err) {
      if (!isAbsent(err)) throw err;
    }
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  private async walk(dirKey: string, into: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dirKey ? this.pathOf(dirKey) : this.root, { withFileTypes: true });
    } catch (err) {
      if (isAbsent(err)) return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // in-flight temp files
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await this.walk(key, into);
      else if (entry.isFile()) into.push(key);
    }
  }
}

/** Makes the new directory entry durable, so a crash right after a commit cannot lose it. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** ENOTDIR/EISDIR: a key that crosses an existing file, or names a folder, is simply not stored. */
function isAbsent(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
