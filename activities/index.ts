import type { ArtifactStore } from '../store/artifactStore';
import { createDatasetActivities } from './datasetActivities';

/** Activities by the task queue that runs them. */
export function createActivities(store: ArtifactStore) {
  return {
    cpu: { ...createDatasetActivities(store) },
    gpu: {},
  };
}
