import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFsStore } from '../../store/fsStore';
import { artifactStoreContract } from '../helpers/artifactStoreContract';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => fs.rm(root, { recursive: true, force: true })));
});

async function freshRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'drl-fs-store-'));
  roots.push(root);
  return root;
}

artifactStoreContract('fs', async () => {
  const root = await freshRoot();
  const fileOf = (key: string) => path.join(root, ...key.split('/'));
  return {
    store: createFsStore(root),
    readRaw: async (key) => fs.readFile(fileOf(key)),
    writeRaw: async (key, data) => fs.writeFile(fileOf(key), data),
  };
});

describe('fs store layout', () => {
  it('is located by a file URL and leaves no temp files behind', async () => {
    const root = await freshRoot();
    const store = createFsStore(root);
    expect(store.location).toBe(`file://${root}`);
    await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.putManifest('runs/r/m', { i })));
    await store.putBlob(new Uint8Array([1, 2, 3]));
    const leftovers = (await fs.readdir(root, { recursive: true })).filter((name) => path.basename(name).startsWith('.'));
    expect(leftovers).toEqual([]);
  });

  it('stores a manifest as plain JSON holding its body hash', async () => {
    const root = await freshRoot();
    const ref = await createFsStore(root).putManifest('m', { b: 2, a: 1 });
    const stored = JSON.parse(await fs.readFile(path.join(root, 'm'), 'utf8'));
    expect(stored).toEqual({ sha256: ref.sha256, body: { a: 1, b: 2 } });
  });
});
