import type { ArtifactStore } from '../store/artifactStore';
import { closeOffloadPool } from './offload';
import { closeEngines } from './sharedEngine';
import { createDatasetActivities } from './datasetActivities';
import { createPipelineActivities } from './pipeline';
import { createTrainingActivities } from './training';
import { createTrainingContext } from './training/trainingContext';

/** Activities by the task queue that runs them. */
export function createActivities(store: ArtifactStore) {
  // One context, so a pipeline's stages and its runs share the worker's policies and datasets in memory.
  const ctx = createTrainingContext(store);
  const training = createTrainingActivities(ctx);
  const pipeline = createPipelineActivities(ctx);
  return {
    cpu: { ...createDatasetActivities(store), ...training.cpu, ...pipeline.cpu },
    gpu: { ...training.gpu, ...pipeline.gpu },
  };
}

/** Releases what activities keep between calls (the offload thread pool, the engine threads); call when workers stop. */
export async function closeActivityResources(): Promise<void> {
  await Promise.all([closeOffloadPool(), closeEngines()]);
}
