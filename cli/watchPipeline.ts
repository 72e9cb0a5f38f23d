import type { Client, WorkflowHandle } from '@temporalio/client';
import { pipelineStatusQuery, type PipelineStatus, type StageStatus } from '../workflows/pipelineStatus';
import { runStatusQuery } from '../workflows/runControl';
import { ProgressDisplay } from './progressDisplay';
import { describeRunStatus } from './watchRun';

/** One line for a stage: what it is, where it stands, and its figures once it is done. */
export function describeStage(stage: StageStatus): string {
  const figures = stage.output ? Object.entries(stage.output.metrics).map(([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toFixed(3)}`) : [];
  const checkpoint = stage.output?.checkpoint ? `  checkpoint ${stage.output.checkpoint.slice(0, 16)}` : '';
  const seconds = stage.seconds === undefined ? '' : `  ${stage.seconds.toFixed(1)} s`;
  return `${stage.name} (${stage.kind}): ${stage.status}${seconds}${checkpoint}${figures.length ? `\n    ${figures.join(', ')}` : ''}${stage.error ? `\n    ${stage.error}` : ''}`;
}

/** Shows a pipeline's stages until it ends (the pipeline goes on if the caller stops watching); an rl stage shows its run's step. */
export async function watchPipeline<T>(client: Client, handle: WorkflowHandle, label: string, log: (line: string) => void): Promise<T> {
  const display = new ProgressDisplay(label);
  let finished = false;
  const result = handle.result().finally(() => (finished = true));
  const reported = new Set<string>();
  while (!finished) {
    try {
      const status: PipelineStatus = await handle.query(pipelineStatusQuery);
      for (const stage of status.stages.filter((s) => (s.status === 'done' || s.status === 'failed') && !reported.has(s.name))) {
        reported.add(stage.name);
        log(describeStage(stage));
      }
      const current = status.stages.find((s) => s.status === 'running');
      const run = current?.workflowId ? await client.workflow.getHandle(current.workflowId).query(runStatusQuery).catch(() => undefined) : undefined;
      const detail = current ? `${current.name} (${current.kind})${run ? `: step ${run.step}/${run.steps} ${describeRunStatus(run)}` : ''}` : status.status;
      display.update(status.stages.filter((s) => s.status === 'done').length, Math.max(status.stages.length, 1), detail);
    } catch {
      // A query fails while the server restarts or before the workflow's first task; retry.
    }
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  display.stop();
  return (await result) as T;
}
