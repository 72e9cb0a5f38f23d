import { InputError } from '../../core/errors';
import type { ArtifactStore } from '../../store/artifactStore';
import { parseTrainingProblems, type TrainingProblem } from '../../training/trainingProblems';
import { datasetManifestKey, type DatasetManifest } from '../../datasets/datasetManifest';
import { PolicyCache } from './policyCache';

/** What the training activities of one worker share: the store, the policies in memory, the datasets read. */
export interface TrainingContext {
  store: ArtifactStore;
  policies: PolicyCache;
  problems(datasetId: string): Promise<TrainingProblem[]>;
}

export function createTrainingContext(store: ArtifactStore): TrainingContext {
  const datasets = new Map<string, Promise<TrainingProblem[]>>();
  return {
    store,
    policies: new PolicyCache(store),
    problems(datasetId) {
      let problems = datasets.get(datasetId);
      if (!problems) {
        problems = readProblems(store, datasetId);
        datasets.set(datasetId, problems);
        problems.catch(() => datasets.delete(datasetId));
      }
      return problems;
    },
  };
}

async function readProblems(store: ArtifactStore, datasetId: string): Promise<TrainingProblem[]> {
  const manifest = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
  if (!manifest) throw new InputError(`no dataset ${datasetId} in ${store.location}`);
  const bytes = await store.getBlob(manifest.records);
  return parseTrainingProblems(Buffer.from(bytes).toString('utf8'), datasetId);
}

/** The pools a run draws from: training problems in dataset order, and the eval problems of each language. */
export function splitPools(problems: readonly TrainingProblem[]) {
  const train = problems.filter((p) => p.split === 'train');
  if (train.length === 0) throw new InputError('the dataset has no training records');
  return { train, eval: problems.filter((p) => p.split === 'eval') };
}
