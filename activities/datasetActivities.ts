import { Context } from '@temporalio/activity';
import {
  assembleKgDataset,
  chunkCountOf,
  datasetIdOf,
  kgStagesFor,
  recordStagesFor,
  resolveKgConfig,
  upstreamOf,
  type KgDatasetConfig,
  type KgStage,
} from '../datasets/kgStages';
import type { ArtifactStore } from '../store/artifactStore';
import { offload } from './offload';
import { runChunkedStage, type StageManifest } from './stageStore';

export interface DatasetManifest {
  format: 'drl-dataset/1';
  datasetId: string;
  config: KgDatasetConfig;
  records: { uri: string; sha256: string; bytes: number };
  card: Record<string, unknown>;
}

export function datasetManifestKey(datasetId: string): string {
  return `datasets/${datasetId}/manifest.json`;
}

export function createDatasetActivities(store: ArtifactStore) {
  return {
    /** Validates the request (errors name the field), derives the dataset id and finds an earlier build of it. */
    async planDataset(request: Record<string, unknown>) {
      const config = resolveKgConfig(request);
      const datasetId = datasetIdOf(config);
      const existing = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
      return { datasetId, config, stages: kgStagesFor(config), existing: existing && summaryOf(existing) };
    },

    async datasetStage(input: { datasetId: string; stage: KgStage; config: KgDatasetConfig }) {
      const { datasetId, stage, config } = input;
      const upstream = await Promise.all(upstreamOf(stage).map((name) => readStageManifest(store, datasetId, name)));
      return runChunkedStage({
        store,
        datasetId,
        stage,
        chunkCount: chunkCountOf(config, stage),
        computeChunk: async (index) => {
          const inputs = await Promise.all(upstream.map((manifest) => store.getBlob(manifest.chunks[index])));
          return offload('kgChunk', { stage, config, index, inputs });
        },
        summarise: async (chunks) => ({ chunks: chunks.length, bytes: chunks.reduce((n, c) => n + c.bytes, 0) }),
      });
    },

    async assembleDataset(input: { datasetId: string; config: KgDatasetConfig }) {
      const { datasetId, config } = input;
      const key = datasetManifestKey(datasetId);
      const committed = await store.getManifest<DatasetManifest>(key);
      if (committed) return summaryOf(committed);
      const stageChunks = await Promise.all(
        recordStagesFor(config).map(async (stage) => ({ stage, chunks: await readStageChunks(store, datasetId, stage) })),
      );
      Context.current().heartbeat();
      const { records, card } = assembleKgDataset(config, stageChunks);
      const manifest: DatasetManifest = {
        format: 'drl-dataset/1',
        datasetId,
        config,
        records: await store.putBlob(records),
        card,
      };
      await store.putManifest(key, manifest);
      return summaryOf(manifest);
    },
  };
}

function summaryOf(manifest: DatasetManifest) {
  return { datasetId: manifest.datasetId, records: manifest.records, card: manifest.card };
}

async function readStageManifest(store: ArtifactStore, datasetId: string, stage: KgStage): Promise<StageManifest> {
  const manifest = await store.getManifest<StageManifest>(`datasets/${datasetId}/stages/${stage}.json`);
  if (!manifest) throw new Error(`dataset ${datasetId}: stage ${stage} has no committed manifest`);
  return manifest;
}

async function readStageChunks(store: ArtifactStore, datasetId: string, stage: KgStage): Promise<Uint8Array[]> {
  const manifest = await readStageManifest(store, datasetId, stage);
  return Promise.all(manifest.chunks.map((chunk) => store.getBlob(chunk)));
}
