import { Context } from '@temporalio/activity';
import { commitDataset, datasetManifestKey, findDataset, type DatasetManifest } from '../datasets/datasetManifest';
import { builderOf, datasetKindOf, resolveDatasetConfig, storedDatasetId, type BuilderConfig } from '../datasets/datasetBuilders';
import type { ArtifactStore } from '../store/artifactStore';
import { offload } from './offload';
import { runChunkedStage, type StageManifest } from './stageStore';

export { datasetManifestKey, type DatasetManifest };

/** The activities of `buildDataset`, the same for every builder: the builder is looked up from `config.builder`. */
export function createDatasetActivities(store: ArtifactStore) {
  return {
    /**
     * Validates the request (errors name the field; old spellings are read as today's, with warnings in the
     * result), derives the dataset id and finds an earlier build of it. A request `{id}` names a stored dataset
     * (an import, say): it is found by id or prefix and reused as it is.
     */
    async planDataset(request: Record<string, unknown>) {
      const id = storedDatasetId(request);
      if (id !== undefined) {
        const stored = await findDataset(store, id);
        // `existing` is set, so the workflow returns it and no stage reads the config.
        return { datasetId: stored.datasetId, config: stored.config as BuilderConfig, stages: [], existing: summaryOf(stored), warnings: [] };
      }
      const { builder, config, datasetId, warnings } = resolveDatasetConfig(request);
      for (const warning of warnings) Context.current().log.warn(warning);
      const existing = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
      return { datasetId, config, stages: builder.stages(config), existing: existing && summaryOf(existing), warnings };
    },

    async datasetStage(input: { datasetId: string; stage: string; config: BuilderConfig }) {
      const { datasetId, stage } = input;
      const { builder, config } = builderOf(input.config);
      const upstream = await Promise.all(builder.upstream(stage).map((name) => readStageManifest(store, datasetId, name)));
      return runChunkedStage({
        store,
        datasetId,
        stage,
        chunkCount: builder.chunkCount(config, stage),
        computeChunk: async (index) => {
          const inputs = await Promise.all(upstream.map((manifest) => store.getBlob(manifest.chunks[index])));
          return offload('datasetChunk', { stage, config, index, inputs });
        },
        summarise: async (chunks) => ({ chunks: chunks.length, bytes: chunks.reduce((n, c) => n + c.bytes, 0) }),
      });
    },

    async assembleDataset(input: { datasetId: string; config: BuilderConfig }) {
      const { datasetId } = input;
      const committed = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
      if (committed) return summaryOf(committed);
      const { builder, config } = builderOf(input.config);
      const stageChunks = await Promise.all(
        builder.recordStages(config).map(async (stage) => ({ stage, chunks: await readStageChunks(store, datasetId, stage) })),
      );
      Context.current().heartbeat();
      const { records, card } = builder.assemble(config, stageChunks);
      return summaryOf(await commitDataset(store, { datasetId, kind: builder.kind, config, records, card }));
    },
  };
}

function summaryOf(manifest: DatasetManifest) {
  return { datasetId: manifest.datasetId, kind: datasetKindOf(manifest), records: manifest.records, card: manifest.card, splits: manifest.splits };
}

async function readStageManifest(store: ArtifactStore, datasetId: string, stage: string): Promise<StageManifest> {
  const manifest = await store.getManifest<StageManifest>(`datasets/${datasetId}/stages/${stage}.json`);
  if (!manifest) throw new Error(`dataset ${datasetId}: stage ${stage} has no committed manifest`);
  return manifest;
}

async function readStageChunks(store: ArtifactStore, datasetId: string, stage: string): Promise<Uint8Array[]> {
  const manifest = await readStageManifest(store, datasetId, stage);
  return Promise.all(manifest.chunks.map((chunk) => store.getBlob(chunk)));
}
