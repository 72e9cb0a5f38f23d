import { InputError } from '../../core/errors';
import { builderNamed, datasetKindOf, storedDatasetId } from '../../datasets/datasetBuilders';
import { findDataset } from '../../datasets/datasetManifest';
import { methodNamed } from '../../recipes/methods';
import type { ArtifactStore } from '../../store/artifactStore';
import { methodSection, parseRunConfig, runConfigHash, type RunConfig } from '../../training/runConfig';
import { taskFor } from '../../training/tasks';
import { modelGradedTerms, rewardTermNamed } from './rewardTerms';

/** A validated run: the canonical config, its hash, the method's resolved schedule config, the dataset's kind. */
export interface RunPlan {
  config: RunConfig;
  configHash: string;
  /** What the method's schedule runs with (absent for a method without a config of its own). */
  methodConfig?: unknown;
  datasetKind: string;
  /** The reward terms a model grades, on the GPU queue before the reward. */
  modelTerms: string[];
  /** The method adds a loss on rows of its own to every update (ContextRL's margin); absent: it does not. */
  auxiliary?: true;
}

/**
 * Everything about a run config that can be checked before any work: its fields, its method's section, the
 * dataset (a stored one by id, or what a build request makes), and that the dataset's task can grade every reward
 * term. A dataset named by id (or a prefix) is pinned to its full id.
 */
export async function planRun(store: ArtifactStore, raw: unknown, warn?: (message: string) => void): Promise<RunPlan> {
  let config = parseRunConfig(raw, 'config', warn);
  const method = methodNamed(config.method);
  const methodConfig = method.resolve?.(methodSection(config), config, `config: ${config.method}`);
  let datasetKind: string;
  const storedId = storedDatasetId(config.dataset);
  if (storedId !== undefined) {
    const manifest = await findDataset(store, storedId);
    config = { ...config, dataset: { id: manifest.datasetId } };
    datasetKind = datasetKindOf(manifest);
  } else {
    datasetKind = builderNamed(config.dataset.builder).kind;
  }
  const task = taskFor(datasetKind, 'config: dataset');
  if (method.auxiliary && config.promptsPerStep % config.microBatches !== 0) {
    throw new InputError(`config: microBatches: ${config.method} adds one row per prompt to every update, so promptsPerStep (${config.promptsPerStep}) must split into the ${config.microBatches} micro-batches`);
  }
  if (method.kinds && !method.kinds.includes(datasetKind)) {
    throw new InputError(`config: method: ${config.method} trains on ${method.kinds.join(' or ')} datasets, and this one is ${datasetKind}`);
  }
  config.reward.terms.forEach((term, i) => {
    const rewardTerm = rewardTermNamed(term.reward, `config: reward.terms.${i}.reward`);
    const missing = rewardTerm.needs.filter((field) => !task.grades.includes(field));
    if (missing.length > 0) {
      throw new InputError(`config: reward.terms.${i}.reward: ${term.reward} grades against the record's ${missing.join(' and ')}, which ${datasetKind} records do not have (they give: ${task.grades.join(', ') || 'nothing but their language'})`);
    }
    if (rewardTerm.judgesAnswers && !task.answerReward) {
      throw new InputError(`config: reward.terms.${i}.reward: ${term.reward} judges a final answer, which the ${datasetKind} task does not`);
    }
  });
  return { config, configHash: runConfigHash(config), ...(methodConfig === undefined ? {} : { methodConfig }), datasetKind, modelTerms: modelGradedTerms(config.reward), ...(method.auxiliary ? { auxiliary: true as const } : {}) };
}
