import type { Command } from 'commander';
import { datasetProgressQuery } from '../../workflows/buildDataset';
import { runStatusQuery, type RunStatus } from '../../workflows/runControl';
import { describeRunStatus } from '../watchRun';
import { describeStage } from '../watchPipeline';
import { pipelineStatusQuery } from '../../workflows/pipelineStatus';
import { logLine, printResult } from '../output';
import { openTemporalSession } from '../temporalSession';

export function registerStatus(program: Command): void {
  program
    .command('status <workflowId>')
    .description('show where a workflow (dataset build, training run or pipeline) stands')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl status dataset-3f2a9c0d1e4b5a69 --json')
    .action(async (workflowId: string, options: { json?: boolean }) => {
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const handle = session.client.workflow.getHandle(workflowId);
        const description = await handle.describe();
        const running = description.status.name === 'RUNNING';
        const progress =
          description.type === 'buildDataset' && running ? await handle.query(datasetProgressQuery).catch(() => undefined) : undefined;
        const run = description.type === 'trainingRun' ? await handle.query(runStatusQuery).catch(() => undefined) : undefined;
        const pipeline = description.type === 'pipelineRun' ? await handle.query(pipelineStatusQuery).catch(() => undefined) : undefined;
        const pending = (description.raw.pendingActivities ?? []).map((activity) => ({
          activity: activity.activityType?.name,
          attempt: activity.attempt,
          lastFailure: activity.lastFailure?.message,
          heartbeat: heartbeatOf(activity.heartbeatDetails),
        }));
        const status = {
          workflowId,
          type: description.type,
          status: description.status.name,
          startTime: description.startTime,
          closeTime: description.closeTime,
          historyLength: description.historyLength,
          progress,
          run,
          pipeline,
          pendingActivities: pending,
        };
        printResult(!!options.json, status, () =>
          [
            `${workflowId} (${description.type}): ${description.status.name}`,
            progress ? `stage ${progress.stage}: ${progress.stagesDone}/${progress.stagesTotal} stages done` : '',
            ...(run ? runLines(run) : []),
            ...(pipeline ? pipeline.stages.map(describeStage) : []),
            ...pending.map((p) => `running ${p.activity} (attempt ${p.attempt})${p.heartbeat ? ` ${JSON.stringify(p.heartbeat)}` : ''}${p.lastFailure ? `, last failure: ${p.lastFailure}` : ''}`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await session.close();
      }
    });
}

function runLines(run: RunStatus): string[] {
  const last = run.recent[run.recent.length - 1];
  return [
    `step ${run.step}/${run.steps}: ${describeRunStatus(run)}`,
    `method ${run.method ?? '-'}  checkpoint ${run.checkpoint ?? '-'}  dataset ${run.datasetId ?? '-'}`,
    run.promptCheck ? `skipped for prompts over maxPromptTokens: ${run.promptCheck.trainSkipped} of ${run.promptCheck.train} training, ${run.promptCheck.heldOutSkipped} of ${run.promptCheck.heldOut} held-out records` : '',
    run.hyperparameters ? `hyperparameters ${JSON.stringify(run.hyperparameters)}` : '',
    last ? `last step: loss ${last.loss.toFixed(4)} kl ${last.kl.toFixed(4)} entropy ${last.entropy.toFixed(3)} grad norm ${last.gradNorm.toFixed(3)} ${last.tokensPerSecond.toFixed(0)} tokens/s` : '',
    ...run.controls.map((c) => `${c.at} ${c.kind} by ${c.sender} (from step ${c.effectiveStep})${c.detail ? ` ${JSON.stringify(c.detail)}` : ''}`),
  ].filter(Boolean);
}

function heartbeatOf(details: { payloads?: Array<{ data?: Uint8Array | null }> | null } | null | undefined): unknown {
  const data = details?.payloads?.[0]?.data;
  if (!data) return undefined;
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
}
