import { ApplicationFailure, executeChild, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { StageOutput } from '../activities/pipeline';
import { nonRetryableErrorTypes } from '../core/errors';
import { taskQueues } from '../core/taskQueues';
import type { PipelineConfig, PipelineStage } from '../training/pipelineConfig';
import { stageRunConfig } from '../training/pipelineStages';
import { resolveStageReferences, type Resolved } from '../training/stageReferences';
import { buildDataset } from './buildDataset';
import { pipelineStatusQuery, type PipelineStatus, type StageStatus } from './pipelineStatus';
import { DrlConfigHash, DrlKind, DrlStatus } from './searchAttributes';
import { trainingRun } from './trainingRun';
import { DEFAULT_EXECUTION } from './v1Payloads';

type Activities = ReturnType<typeof createActivities>;

export interface PipelineRunInput {
  /** The pipeline as the user wrote it; the planPipeline activity validates it. */
  config: Record<string, unknown>;
  /** The GPU queue's name when it is not drl-gpu. */
  gpuTaskQueue?: string;
}

export interface PipelineRunResult {
  pipelineHash: string;
  stages: Array<Pick<StageStatus, 'name' | 'kind' | 'workflowId'> & StageOutput & { seconds: number }>;
}

/**
 * A pipeline of stages, one durable object: plan (every stage and reference checked) -> the stages' datasets (child
 * buildDataset workflows) -> each stage in order, an activity with its committed output (sft, rewardModel, dpo,
 * evaluate) or a child trainingRun (rl) with its own id. A later stage's `{stage: NAME}` becomes that stage's
 * checkpoint. A worker killed in a stage retries that stage's activity, and a finished stage is history: it is
 * never run again, and its output is committed under its input's hash besides.
 */
export async function pipelineRun(input: PipelineRunInput): Promise<PipelineRunResult> {
  const status: PipelineStatus = { status: 'planning', stages: [] };
  setHandler(pipelineStatusQuery, () => status);
  const { workflowId, taskQueue } = workflowInfo();
  upsertSearchAttributes([
    { key: DrlKind, value: 'pipeline' },
    { key: DrlStatus, value: 'running' },
  ]);
  try {
    const plan = await activitiesFor(DEFAULT_EXECUTION, input.gpuTaskQueue, 'plan').cpu.planPipeline(input.config);
    const { config } = plan;
    upsertSearchAttributes([{ key: DrlConfigHash, value: plan.pipelineHash }]);
    Object.assign(status, { status: 'running', pipelineHash: plan.pipelineHash, stages: config.stages.map((s) => ({ name: s.name, kind: s.kind, status: 'pending' })) });
    const datasetIds: string[] = [];
    for (const [k, request] of plan.datasets.entries()) {
      datasetIds.push((await executeChild(buildDataset, { args: [request], workflowId: `${workflowId}-dataset-${k}`, taskQueue })).datasetId);
    }
    const checkpoints = new Map<string, string>();
    for (const [i, written] of config.stages.entries()) {
      const stage = resolveStageReferences(written, (name) => checkpoints.get(name)!);
      const record = status.stages[i];
      record.status = 'running';
      const started = Date.now();
      try {
        const output = await runStage(config, stage, datasetIds[plan.datasetOf[i]], input.gpuTaskQueue, record);
        if (stage.kind === 'rewardModel') gate(stage, output);
        record.output = output;
        record.status = 'done';
        record.seconds = (Date.now() - started) / 1000;
        if (output.checkpoint) checkpoints.set(stage.name, output.checkpoint);
      } catch (err) {
        record.status = 'failed';
        record.error = (err as Error).message;
        throw err;
      }
    }
    status.status = 'done';
    upsertSearchAttributes([{ key: DrlStatus, value: 'done' }]);
    return { pipelineHash: plan.pipelineHash, stages: status.stages.map(({ name, kind, workflowId: child, output, seconds }) => ({ name, kind, ...(child ? { workflowId: child } : {}), ...output!, seconds: seconds! })) };
  } catch (err) {
    status.status = 'failed';
    upsertSearchAttributes([{ key: DrlStatus, value: 'failed' }]);
    throw err;
  }
}

/** The activity stubs of a stage, named after it in the history (`stage:rm`), with the pipeline's execution settings. */
function activitiesFor(execution: PipelineConfig['execution'], gpuTaskQueue: string = taskQueues.gpu, activityId: string) {
  const [cpuTimeout, gpuTimeout, heartbeatTimeout, maximumInterval] = [execution.cpuActivityTimeout, execution.gpuActivityTimeout, execution.heartbeatTimeout, execution.retryMaximumInterval] as Duration[];
  const retry = { nonRetryableErrorTypes, initialInterval: '1 second', maximumInterval } as const;
  return {
    cpu: proxyActivities<Activities['cpu']>({ startToCloseTimeout: cpuTimeout, heartbeatTimeout, retry, activityId }),
    gpu: proxyActivities<Activities['gpu']>({ taskQueue: gpuTaskQueue, startToCloseTimeout: gpuTimeout, heartbeatTimeout, retry, activityId }),
  };
}

/** Runs one stage, references resolved, and returns its committed output. */
async function runStage(config: PipelineConfig, stage: Resolved<PipelineStage>, datasetId: string, gpuTaskQueue: string | undefined, record: StageStatus): Promise<StageOutput> {
  const { gpu } = activitiesFor(config.execution, gpuTaskQueue, `stage:${stage.name}`);
  const basics = { stage: stage.name, datasetId, seed: config.seed, threads: config.threads };
  switch (stage.kind) {
    case 'sft': {
      const { policy, steps, batch, lr, maxPromptTokens, maxTokens } = stage;
      return gpu.sftStage({ ...basics, policy, steps, batch, lr, maxPromptTokens, maxTokens });
    }
    case 'rewardModel': {
      const { policy, steps, batch, lr } = stage;
      return gpu.rewardModelStage({ ...basics, policy, steps, batch, lr });
    }
    case 'dpo': {
      const { policy, steps, batch, lr, beta } = stage;
      return gpu.dpoStage({ ...basics, policy, steps, batch, lr, beta });
    }
    case 'evaluate': {
      const { policy, baseline, rewardModel, prompts, samples, maxTokens, temperature } = stage;
      return gpu.evaluateStage({ ...basics, policy, ...(baseline ? { baseline } : {}), ...(rewardModel ? { rewardModel } : {}), prompts, samples, maxTokens, temperature });
    }
    case 'rl': {
      record.workflowId = `${workflowInfo().workflowId}-${stage.name}`;
      const run = { ...stageRunConfig(config, stage), dataset: { id: datasetId } };
      const result = await executeChild(trainingRun, { args: [{ config: run, ...(gpuTaskQueue ? { gpuTaskQueue } : {}) }], workflowId: record.workflowId, taskQueue: workflowInfo().taskQueue });
      const last = result.evaluations[result.evaluations.length - 1];
      return { checkpoint: result.checkpoint, metrics: { steps: result.steps, ...(last ? { accuracy: last.accuracy } : {}) } };
    }
  }
}

/** InstructGPT's reward model must rank held-out pairs better than chance before any policy is trained on it. */
function gate(stage: Extract<Resolved<PipelineStage>, { kind: 'rewardModel' }>, output: StageOutput): void {
  const { heldOutAccuracy, heldOutLowerBound, heldOutPairs } = output.metrics;
  if (heldOutLowerBound > stage.gate.minLowerBound) return;
  throw ApplicationFailure.nonRetryable(
    `stage ${stage.name}: the reward model ranks ${(heldOutAccuracy * 100).toFixed(1)}% of ${heldOutPairs} held-out pairs right; the 95% lower bound ${heldOutLowerBound.toFixed(3)} is not above ${stage.gate.minLowerBound} (gate.minLowerBound), so no policy is trained on it. Its checkpoint is ${output.checkpoint}: train it longer or on more pairs`,
    'RewardModelGateError',
  );
}
