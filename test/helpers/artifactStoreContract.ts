import { DeterminismError, InputError, IntegrityError } from '../../core/errors';
import { hashOf, sha256Hex } from '../../core/hash';
import type { ArtifactStore } from '../../store/artifactStore';
import { blobKey } from '../../store/keys';

/** A fresh, empty store plus raw access to its bytes, bypassing verification, to simulate corruption. */
export interface StoreUnderTest {
  store: ArtifactStore;
  readRaw(key: string): Promise<Uint8Array>;
  writeRaw(key: string, data: Uint8Array): Promise<void>;
}

/** The behaviour every backend must show; each backend's test file calls this with its own factory. */
export function artifactStoreContract(backendName: string, fresh: () => Promise<StoreUnderTest>): void {
  describe(`${backendName} artifact store contract`, () => {
    let t: StoreUnderTest;
    beforeEach(async () => {
      t = await fresh();
    });

    const bytes = (text: string) => new Uint8Array(Buffer.from(text));
    const flipFirstByte = (data: Uint8Array) => {
      const copy = Uint8Array.from(data);
      copy[0] ^= 0xff;
      return copy;
    };

    it('round-trips a blob under its content address', async () => {
      const data = bytes('checkpoint tensor bytes');
      const ref = await t.store.putBlob(data);
      expect(ref).toEqual({ uri: `${t.store.location}/${blobKey(sha256Hex(data))}`, sha256: sha256Hex(data), bytes: data.length });
      expect(Buffer.from(await t.store.getBlob(ref))).toEqual(Buffer.from(data));
      expect(await t.store.hasBlob(ref.sha256)).toBe(true);
      expect(await t.store.hasBlob(sha256Hex('never stored'))).toBe(false);
    });

    it('round-trips an empty blob', async () => {
      const ref = await t.store.putBlob(new Uint8Array());
      expect((await t.store.getBlob(ref)).length).toBe(0);
    });

    it('accepts the same blob twice', async () => {
      const first = await t.store.putBlob(bytes('same'));
      expect(await t.store.putBlob(bytes('same'))).toEqual(first);
    });

    it('round-trips a manifest whose ref hash is the hash of its canonical JSON', async () => {
      const value = { format: 'drl-checkpoint/1', step: 3, tensors: [{ name: 'w', shape: [2, 2] }], note: 'é ✓' };
      const ref = await t.store.putManifest('runs/r1/checkpoints/3', value);
      expect(ref.uri).toBe(`${t.store.location}/runs/r1/checkpoints/3`);
      expect(ref.sha256).toBe(hashOf(value));
      expect(await t.store.getManifest('runs/r1/checkpoints/3')).toEqual(value);
      expect(await t.store.getManifest('runs/r1/checkpoints/4')).toBeUndefined();
    });

    it('accepts the same manifest twice, whatever its key order', async () => {
      const first = await t.store.putManifest('m/same', { b: 1, a: [1, 2] });
      expect(await t.store.putManifest('m/same', { a: [1, 2], b: 1 })).toEqual(first);
    });

    it('refuses different content under an existing manifest key and keeps the original', async () => {
      await t.store.putManifest('m/step-1', { loss: 0.5 });
      const attempt = t.store.putManifest('m/step-1', { loss: 0.25 });
      await expect(attempt).rejects.toThrow(DeterminismError);
      await expect(attempt).rejects.toThrow('m/step-1');
      expect(await t.store.getManifest('m/step-1')).toEqual({ loss: 0.5 });
    });

    it('lets exactly one of many concurrent writers of a manifest key win', async () => {
      const writers = Array.from({ length: 8 }, (_, i) => t.store.putManifest('m/race', { writer: i }));
      const results = await Promise.allSettled(writers);
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DeterminismError);
      expect(await t.store.getManifest('m/race')).toEqual({ writer: winners[0] });
    });

    it('lets concurrent writers of identical manifest bytes all succeed', async () => {
      const refs = await Promise.all(Array.from({ length: 8 }, () => t.store.putManifest('m/agree', { v: 1 })));
      expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
    });

    it('detects a corrupted blob, naming the key and both hashes', async () => {
      const ref = await t.store.putBlob(bytes('weights v1'));
      const key = blobKey(ref.sha256);
      const corrupted = flipFirstByte(await t.readRaw(key));
      await t.writeRaw(key, corrupted);
      const read = t.store.getBlob(ref);
      await expect(read).rejects.toThrow(IntegrityError);
      await expect(read).rejects.toThrow(key);
      await expect(read).rejects.toThrow(ref.sha256);
      await expect(read).rejects.toThrow(sha256Hex(corrupted));
    });

    it('detects a truncated blob', async () => {
      const ref = await t.store.putBlob(bytes('a blob that will lose its tail'));
      const key = blobKey(ref.sha256);
      await t.writeRaw(key, (await t.readRaw(key)).subarray(0, 5));
      await expect(t.store.getBlob(ref)).rejects.toThrow(IntegrityError);
    });

    it('reports a missing blob as an integrity error naming it', async () => {
      const ref = await t.store.putBlob(bytes('to be deleted'));
      await t.store.delete(blobKey(ref.sha256));
      await expect(t.store.getBlob(ref)).rejects.toThrow(IntegrityError);
      await expect(t.store.getBlob(ref)).rejects.toThrow(blobKey(ref.sha256));
    });

    it('detects a corrupted manifest body', async () => {
      await t.store.putManifest('m/corrupt', { reward: 0.75 });
      const raw = Buffer.from(await t.readRaw('m/corrupt')).toString('utf8');
      await t.writeRaw('m/corrupt', bytes(raw.replace('0.75', '0.95')));
      const read = t.store.getManifest('m/corrupt');
      await expect(read).rejects.toThrow(IntegrityError);
      await expect(read).rejects.toThrow('m/corrupt');
    });

    it('detects a truncated manifest instead of failing to parse it', async () => {
      await t.store.putManifest('m/truncated', { tensors: ['a', 'b', 'c'] });
      const raw = await t.readRaw('m/truncated');
      for (const length of [0, 10, raw.length - 1]) {
        await t.writeRaw('m/truncated', raw.subarray(0, length));
        const read = t.store.getManifest('m/truncated');
        await expect(read).rejects.toThrow(IntegrityError);
        await expect(read).rejects.toThrow('m/truncated');
      }
    });

    it('refuses to build on a corrupted manifest', async () => {
      await t.store.putManifest('m/base', { step: 1 });
      await t.writeRaw('m/base', bytes('{"step":'));
      await expect(t.store.putManifest('m/base', { step: 1 })).rejects.toThrow(IntegrityError);
    });

    it.each([
      '',
      '/abs/path',
      'a/../b',
      '..',
      'a//b',
      'a/',
      'a\\b',
      'C:/x',
      '.hidden',
      'a/.tmp',
      'with space',
      'new\nline',
      'blobs/ab/cd',
    ])('rejects manifest key %j with an InputError naming it', async (key) => {
      const put = t.store.putManifest(key, { x: 1 });
      await expect(put).rejects.toThrow(InputError);
      await expect(put).rejects.toThrow(JSON.stringify(key));
    });

    it('rejects bad keys, prefixes and hashes on every operation', async () => {
      await expect(t.store.getManifest('a/../b')).rejects.toThrow(InputError);
      await expect(t.store.delete('/etc/passwd')).rejects.toThrow(InputError);
      await expect(t.store.list('../')).rejects.toThrow(InputError);
      await expect(t.store.hasBlob('not-a-hash')).rejects.toThrow(InputError);
      await expect(t.store.getBlob({ uri: 'x', sha256: '../../etc', bytes: 0 })).rejects.toThrow(InputError);
    });

    it('lists keys under a prefix, sorted, and deletes them', async () => {
      for (const key of ['runs/b/m1', 'runs/a/m2', 'runs/a/m1', 'other/x']) await t.store.putManifest(key, { key });
      const blob = await t.store.putBlob(bytes('listed blob'));
      expect(await t.store.list('runs/')).toEqual(['runs/a/m1', 'runs/a/m2', 'runs/b/m1']);
      expect(await t.store.list('runs/a')).toEqual(['runs/a/m1', 'runs/a/m2']);
      expect(await t.store.list('nothing/')).toEqual([]);
      expect(await t.store.list('')).toEqual([blobKey(blob.sha256), 'other/x', 'runs/a/m1', 'runs/a/m2', 'runs/b/m1']);

      await t.store.delete('runs/a/m1');
      await t.store.delete('runs/a/m1'); // deleting a missing key is not an error
      expect(await t.store.getManifest('runs/a/m1')).toBeUndefined();
      expect(await t.store.list('runs/')).toEqual(['runs/a/m2', 'runs/b/m1']);
      // Retention deletes; a later commit under the freed key starts afresh.
      await t.store.putManifest('runs/a/m1', { replaced: true });
      expect(await t.store.getManifest('runs/a/m1')).toEqual({ replaced: true });
    });
  });
}
