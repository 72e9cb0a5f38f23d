import type { ArtifactStore } from '../store/artifactStore';
import { closeOffloadPool } from './offload';
import { closeEngines } from './sharedEngine';
import { createDatasetActivities } from './datasetActivities';
import { createTrainingActivities } from './training';

/** Activities by the task queue that runs them. */
export function createActivities(store: ArtifactStore) {
  const training = createTrainingActivities(store);
  return {
    cpu: { ...createDatasetActivities(store), ...training.cpu },
    gpu: { ...training.gpu },
  };
}

/** Releases what activities keep between calls (the offload thread pool, the engine threads); call when workers stop. */
export async function closeActivityResources(): Promise<void> {
  await Promise.all([closeOffloadPool(), closeEngines()]);
}
