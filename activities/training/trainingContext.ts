import { InputError } from '../../core/errors';
import type { ArtifactStore } from '../../store/artifactStore';
import { datasetManifestKey, type DatasetManifest } from '../../datasets/datasetManifest';
import { datasetKindOf } from '../../datasets/datasetBuilders';
import type { Tokenizer } from '../../engine/tokenizer';
import { methodNamed } from '../../recipes/methods';
import { taskFor, type Episode, type PromptRendering, type Task } from '../../training/tasks';
import { PolicyCache } from './policyCache';
import { trainingPool } from './promptFit';

/** A dataset as a run reads it: its task and its records as episodes, in dataset order. */
export interface TaskDataset {
  datasetId: string;
  task: Task;
  episodes: Episode[];
}

/** What the training activities of one worker share: the store, the policies in memory, the datasets read. */
export interface TrainingContext {
  store: ArtifactStore;
  policies: PolicyCache;
  dataset(datasetId: string): Promise<TaskDataset>;
  /**
   * The training episodes whose largest prompt fits, for a method and a prompt rendering: worked out once per
   * worker, since every rollout of a run asks again (each asks with the run's one tokenizer object).
   */
  trainingPool(dataset: TaskDataset, method: string, rendering: PromptRendering, maxPromptTokens: number): Episode[];
}

export function createTrainingContext(store: ArtifactStore): TrainingContext {
  const datasets = new Map<string, Promise<TaskDataset>>();
  const pools = new WeakMap<Tokenizer, Map<string, Episode[]>>();
  return {
    store,
    policies: new PolicyCache(store),
    dataset(datasetId) {
      let dataset = datasets.get(datasetId);
      if (!dataset) {
        dataset = readDataset(store, datasetId);
        datasets.set(datasetId, dataset);
        dataset.catch(() => datasets.delete(datasetId));
      }
      return dataset;
    },
    trainingPool(dataset, method, rendering, maxPromptTokens) {
      let byTokenizer = pools.get(rendering.tokenizer);
      if (!byTokenizer) pools.set(rendering.tokenizer, (byTokenizer = new Map()));
      // The chat settings by their template's source: the parsed template is no part of a key.
      const chat = rendering.chat && { template: rendering.chat.template.source, system: rendering.chat.system, variables: rendering.chat.variables };
      const key = JSON.stringify([dataset.datasetId, method, maxPromptTokens, chat ?? null]);
      let pool = byTokenizer.get(key);
      if (!pool) {
        pool = trainingPool(dataset.task, methodNamed(method), splitPools(dataset.episodes).train, rendering, maxPromptTokens);
        byTokenizer.set(key, pool);
      }
      return pool;
    },
  };
}

async function readDataset(store: ArtifactStore, datasetId: string): Promise<TaskDataset> {
  const manifest = await store.getManifest<DatasetManifest>(datasetManifestKey(datasetId));
  if (!manifest) throw new InputError(`no dataset ${datasetId} in ${store.location}`);
  const task = taskFor(datasetKindOf(manifest), `dataset ${datasetId}`);
  const jsonl = Buffer.from(await store.getBlob(manifest.records)).toString('utf8');
  const episodes: Episode[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() !== '') episodes.push(task.episode(JSON.parse(line) as Record<string, unknown>, `dataset ${datasetId}, record ${index + 1}`));
  });
  if (episodes.length === 0) throw new InputError(`dataset ${datasetId} has no records`);
  return { datasetId, task, episodes };
}

/** The pools a run draws from: training episodes in dataset order, and the held-out ones. */
export function splitPools(episodes: readonly Episode[]) {
  const train = episodes.filter((p) => p.split === 'train');
  if (train.length === 0) throw new InputError('the dataset has no training records');
  return { train, eval: episodes.filter((p) => p.split === 'eval') };
}
