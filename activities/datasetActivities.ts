import { Context } from '@temporalio/activity';
import { commitDataset, datasetManifestKey, type DatasetManifest } from '../datasets/datasetManifest';
import { recipeNamed, resolveDatasetConfig, type RecipeConfig } from '../datasets/datasetRecipes';
import type { ArtifactStore } from '../store/artifactStore';
import { offload } from './offload';
import { runChunkedStage, type StageManifest } from './stageStore';

export { datasetManifestKey, type DatasetManifest };

/** The activities of `buildDataset`, the same for every recipe: the recipe is looked up from `config.recipe`. */
export function createDatasetActivities(store: ArtifactStore) {
  return {
    /** Validates the request (errors name the field), derives the dataset id and finds an earlier build of it. */
    async planDataset(request: Record<string, unknown>) {
      const { recipe, config, datasetId } = resolveDatasetConfig(request);
      const existing = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
      return { datasetId, config, stages: recipe.stages(config), existing: existing && summaryOf(existing) };
    },

    async datasetStage(input: { datasetId: string; stage: string; config: RecipeConfig }) {
      const { datasetId, stage, config } = input;
      const recipe = recipeNamed(config.recipe);
      const upstream = await Promise.all(recipe.upstream(stage).map((name) => readStageManifest(store, datasetId, name)));
      return runChunkedStage({
        store,
        datasetId,
        stage,
        chunkCount: recipe.chunkCount(config, stage),
        computeChunk: async (index) => {
          const inputs = await Promise.all(upstream.map((manifest) => store.getBlob(manifest.chunks[index])));
          return offload('datasetChunk', { stage, config, index, inputs });
        },
        summarise: async (chunks) => ({ chunks: chunks.length, bytes: chunks.reduce((n, c) => n + c.bytes, 0) }),
      });
    },

    async assembleDataset(input: { datasetId: string; config: RecipeConfig }) {
      const { datasetId, config } = input;
      const committed = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
      if (committed) return summaryOf(committed);
      const recipe = recipeNamed(config.recipe);
      const stageChunks = await Promise.all(
        recipe.recordStages(config).map(async (stage) => ({ stage, chunks: await readStageChunks(store, datasetId, stage) })),
      );
      Context.current().heartbeat();
      const { records, card } = recipe.assemble(config, stageChunks);
      return summaryOf(await commitDataset(store, { datasetId, config, records, card }));
    },
  };
}

function summaryOf(manifest: DatasetManifest) {
  return { datasetId: manifest.datasetId, records: manifest.records, card: manifest.card, splits: manifest.splits };
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
