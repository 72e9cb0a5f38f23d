import { WorkflowFailedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { datasetManifestKey, type DatasetManifest } from '../../datasets/datasetManifest';
import { importDataset } from '../../datasets/import/importDataset';
import type { MathProblem } from '../../datasets/math';
import type { ArtifactStore } from '../../store/artifactStore';
import { buildDataset } from '../../workflows/buildDataset';
import { startTestWorker, tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';

const config = {
  builder: 'kgQuestions',
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

  it('builds a math dataset through the same workflow, with splits on the records and the manifest', async () => {
    const { store } = tempStore('lang');
    const request = { builder: 'math', languages: ['en', 'de', 'bn'], problemsPerLanguage: 12, maxSteps: 3, evalPerLanguage: 4, seed: 5, chunkSize: 10 };
    const built = await build(store, request);
    expect(built.stages.map((stage) => stage.summary)).toEqual([{ chunks: 4, bytes: expect.any(Number) }]);
    const problems = (await recordsOf(store, built.datasetId))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as MathProblem);
    expect(problems).toHaveLength(36);
    expect(problems.filter((p) => p.split === 'eval')).toHaveLength(12);
    expect(new Set(problems.map((p) => p.language))).toEqual(new Set(['en', 'de', 'bn']));
    const manifest = (await store.getManifest<DatasetManifest>(datasetManifestKey(built.datasetId)))!;
    expect(manifest.splits).toEqual({ train: 24, eval: 12 });
    expect(manifest.kind).toBe('math');
    expect(manifest.card).toMatchObject({ format: 'drl-math-dataset-card/1', builder: 'math', kind: 'math', counts: { bySplit: { train: 24, eval: 12 } } });
  });

  it('reads a request in milestone 1\'s spelling (recipe: exprl) as today\'s, with warnings: the same dataset, reused', async () => {
    const { store } = tempStore('legacy');
    const request = { languages: ['en'], problemsPerLanguage: 6, maxSteps: 2, evalPerLanguage: 2, seed: 5, chunkSize: 10 };
    const built = await build(store, { builder: 'math', ...request });
    const legacy = await build(store, { recipe: 'exprl', ...request });
    expect(legacy.datasetId).toBe(built.datasetId);
    expect(legacy.stages).toEqual([]);
    expect(legacy.warnings).toEqual(['dataset.recipe is deprecated: write builder', 'dataset.builder: "exprl" is deprecated: write "math"']);
    expect(built.warnings).toEqual([]);
  });

  it('reuses a dataset that drl data import stored, named by {id} (a prefix will do)', async () => {
    const { store } = tempStore('by-id');
    const text = `${JSON.stringify({ question: 'Wie viel?', answer: '1.234', language: 'de' })}\n`;
    const imported = await importDataset(store, { file: 'de.jsonl', text, kind: 'math' });
    const named = await build(store, { id: imported.datasetId.slice(0, 10) });
    expect(named).toMatchObject({ datasetId: imported.datasetId, kind: 'math', records: imported.records, stages: [], warnings: [] });
    const error = await build(store, { id: 'abcdef' }).catch((err: unknown) => err);
    expect(((error as WorkflowFailedError).cause?.cause as { message: string }).message).toMatch(/dataset "abcdef": no such dataset/);
  });

  it.each([
    [{ ...config, kg: 'freebase' }, /kg/],
    [{ ...config, builder: 'sudoku' }, /config\.builder/],
    [{ builder: 'math', languages: ['en', 'xx'], problemsPerLanguage: 5, evalPerLanguage: 1, seed: 1 }, /xx/],
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
