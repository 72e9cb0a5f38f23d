import {
  defineQuery,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { nonRetryableErrorTypes } from '../core/errors';
import { DrlConfigHash, DrlKind, DrlStatus } from './searchAttributes';

type CpuActivities = ReturnType<typeof createActivities>['cpu'];

/** What a caller asks for; validated by the `planDataset` activity, whose errors name the field. */
export type DatasetRequest = Record<string, unknown>;

export interface DatasetProgress {
  datasetId?: string;
  stage: string;
  stagesDone: number;
  stagesTotal: number;
  status: 'planning' | 'running' | 'done' | 'reused';
}

export const datasetProgressQuery = defineQuery<DatasetProgress>('datasetProgress');

// Dataset activities run on the workflow's own task queue (drl-cpu in a deployment).
const { planDataset } = proxyActivities<CpuActivities>({
  startToCloseTimeout: '1 minute',
  retry: { nonRetryableErrorTypes, maximumAttempts: 3 },
});

// Stages heartbeat after every chunk; a silent stage means its worker died, so the attempt is retried elsewhere
// soon instead of waiting out the whole start-to-close budget.
const stageActivities = proxyActivities<CpuActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '10 seconds',
  retry: { nonRetryableErrorTypes, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * Builds a dataset stage by stage, each stage one activity that commits a content-addressed artifact.
 * A dataset whose config hash was already built is returned without recomputation.
 */
export async function buildDataset(request: DatasetRequest) {
  const progress: DatasetProgress = { stage: 'plan', stagesDone: 0, stagesTotal: 0, status: 'planning' };
  setHandler(datasetProgressQuery, () => progress);

  const plan = await planDataset(request);
  progress.datasetId = plan.datasetId;
  progress.stagesTotal = plan.stages.length;
  upsertSearchAttributes([
    { key: DrlKind, value: 'buildDataset' },
    { key: DrlConfigHash, value: plan.datasetId },
    { key: DrlStatus, value: 'running' },
  ]);
  // Old spellings in the request (`recipe: lang`) were read as today's; the caller sees what to write instead.
  const warnings = plan.warnings ?? [];
  if (plan.existing) {
    progress.status = 'reused';
    return { ...plan.existing, stages: [], warnings };
  }

  progress.status = 'running';
  const stageResults = [];
  for (const stage of plan.stages) {
    progress.stage = stage;
    stageResults.push(await stageActivities.datasetStage({ datasetId: plan.datasetId, stage, config: plan.config }));
    progress.stagesDone += 1;
  }
  progress.stage = 'assemble';
  const dataset = await stageActivities.assembleDataset({ datasetId: plan.datasetId, config: plan.config });
  progress.status = 'done';
  upsertSearchAttributes([{ key: DrlStatus, value: 'done' }]);
  return { ...dataset, stages: stageResults, warnings };
}
