import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { builderNamed, canonicalDatasetRequest, datasetKindOf, resolveDatasetConfig, storedDatasetId } from '../../datasets/datasetBuilders';
import { findDataset } from '../../datasets/datasetManifest';
import { parsePipelineConfig, pipelineHash, type PipelineConfig } from '../../training/pipelineConfig';
import { stageDataset, stageRunConfig } from '../../training/pipelineStages';
import { resolveStageReferences } from '../../training/stageReferences';
import { planRun } from '../training/planRun';
import type { TrainingContext } from '../training/trainingContext';

export interface PipelinePlan {
  config: PipelineConfig;
  pipelineHash: string;
  /** The distinct datasets of the stages, each a canonical build request or {id} of a stored dataset. */
  datasets: Array<Record<string, unknown>>;
  /** Stage i reads datasets[datasetOf[i]]. */
  datasetOf: number[];
}

/** What a stage kind reads of its dataset: pairs, or any task's prompts. */
const NEEDS_KIND: Partial<Record<string, string>> = { rewardModel: 'preference', dpo: 'preference' };

/**
 * Everything about a pipeline that can be checked before its first stage: its fields and references
 * (parsePipelineConfig), each stage's dataset and kind (a stored dataset's records are read, so a preference record
 * without `chosen` fails here), and each rl stage's run as planRun checks it, with references standing for ids.
 */
export async function planPipeline(ctx: TrainingContext, raw: unknown): Promise<PipelinePlan> {
  const config = parsePipelineConfig(raw, 'pipeline');
  const datasets: Array<Record<string, unknown>> = [];
  const datasetOf: number[] = [];
  for (const [i, stage] of config.stages.entries()) {
    const where = `pipeline: stages.${i} (${stage.name})`;
    const request = await pinnedRequest(ctx, canonicalDatasetRequest(stageDataset(config, stage)!).request, where);
    const kind = await datasetKind(ctx, request);
    const needed = NEEDS_KIND[stage.kind];
    if (needed && kind !== needed) throw new InputError(`${where}: a ${stage.kind} stage trains on ${needed} datasets, and its dataset is ${kind}`);
    if (stage.kind === 'rl') {
      const run = resolveStageReferences({ ...stageRunConfig(config, stage), dataset: request }, (name) => `stage-output:${name}`);
      await planRun(ctx.store, run).catch((err: Error) => {
        throw new InputError(`${where}.run: ${err.message}`);
      });
    }
    const key = canonicalJson(request);
    let index = datasets.findIndex((d) => canonicalJson(d) === key);
    if (index < 0) index = datasets.push(request) - 1;
    datasetOf.push(index);
  }
  return { config, pipelineHash: pipelineHash(config), datasets, datasetOf };
}

/** A build request validated by its builder, or a stored dataset pinned to its full id with its records read. */
async function pinnedRequest(ctx: TrainingContext, request: Record<string, unknown>, where: string): Promise<Record<string, unknown>> {
  const id = storedDatasetId(request);
  if (id === undefined) {
    try {
      resolveDatasetConfig(request);
    } catch (err) {
      throw new InputError(`${where}: dataset: ${(err as Error).message}`);
    }
    return request;
  }
  const manifest = await findDataset(ctx.store, id);
  await ctx.dataset(manifest.datasetId);
  return { id: manifest.datasetId };
}

async function datasetKind(ctx: TrainingContext, request: Record<string, unknown>): Promise<string> {
  const id = storedDatasetId(request);
  return id === undefined ? builderNamed(request.builder).kind : datasetKindOf(await findDataset(ctx.store, id));
}
