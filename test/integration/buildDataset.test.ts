import { WorkflowFailedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { datasetManifestKey, type DatasetManifest } from '../../activities/datasetActivities';
import type { ArtifactStore } from '../../store/artifactStore';
import { buildDataset } from '../../workflows/buildDataset';
import { startTestWorker, tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';

const config = {
  recipe: 'longtrace',
  kg: 'countries',
  questions: 12,
  languages: ['en', 'es'],
  hops: { min: 2, max: 3 },
  contextChars: 2000,
  seed: 7,
  chunkSize: 4,
};

async function build(store: ArtifactStore, request: Record<string, unknown>) {
  const taskQueue = uniqueQueue('build');
  const worker = await startTestWorker(store, taskQueue);
  const { client, close } = await testClient();
  try {
    return await client.workflow.execute(buildDataset, { taskQueue, workflowId: uniqueQueue('wf'), args: [request] });
  } finally {
    await close();
    await worker.stop();
  }
}

async function recordsOf(store: ArtifactStore, datasetId: string): Promise<Buffer> {
  const manifest = (await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId)))!;
  return Buffer.from(await store.getBlob(manifest.records));
}

describe('buildDataset workflow (real dev server)', () => {
  it('is byte-identical for the same config and seed, different for another seed, and reuses a built dataset', async () => {
    const a = tempStore('a');
    const b = tempStore('b');
    const first = await build(a.store, config);
    const second = await build(b.store, config);
    expect(second.datasetId).toBe(first.datasetId);
    const bytes = await recordsOf(a.store, first.datasetId);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.records.sha256);
    expect((await recordsOf(b.store, second.datasetId)).equals(bytes)).toBe(true);

    const reused = await build(a.store, config);
    expect(reused.stages).toEqual([]);
    expect(reused.records).toEqual(first.records);

    const other = await build(a.store, { ...config, seed: 8 });
    expect(other.datasetId).not.toBe(first.datasetId);
    expect((await recordsOf(a.store, other.datasetId)).equals(bytes)).toBe(false);
  });

  it.each([
    [{ ...config, kg: 'freebase' }, /kg/],
    [{ ...config, languages: ['xx'] }, /xx/],
    [{ ...config, questions: 0 }, /questions/],
  ])('fails fast and without retries on bad input %#', async (request, message) => {
    const { store } = tempStore('bad');
    const error = await build(store, request).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause?.cause as { type?: string; message: string };
    expect(cause.type).toBe('InputError');
    expect(cause.message).toMatch(message);
    expect(await store.list('datasets')).toEqual([]);
  });
});
