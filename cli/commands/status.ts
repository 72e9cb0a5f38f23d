import type { Command } from 'commander';
import { datasetProgressQuery } from '../../workflows/buildDataset';
import { logLine, printResult } from '../output';
import { openTemporalSession } from '../temporalSession';

export function registerStatus(program: Command): void {
  program
    .command('status <workflowId>')
    .description('show where a workflow (dataset build or training run) stands')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExample:\n  drl status dataset-3f2a9c0d1e4b5a69 --json')
    .action(async (workflowId: string, options: { json?: boolean }) => {
      const session = await openTemporalSession({ embedWorkers: false, log: logLine });
      try {
        const handle = session.client.workflow.getHandle(workflowId);
        const description = await handle.describe();
        const progress =
          description.type === 'buildDataset' ? await handle.query(datasetProgressQuery).catch(() => undefined) : undefined;
        const pending = (description.raw.pendingActivities ?? []).map((activity) => ({
          activity: activity.activityType?.name,
          attempt: activity.attempt,
          lastFailure: activity.lastFailure?.message,
        }));
        const status = {
          workflowId,
          type: description.type,
          status: description.status.name,
          startTime: description.startTime,
          closeTime: description.closeTime,
          historyLength: description.historyLength,
          progress,
          pendingActivities: pending,
        };
        printResult(!!options.json, status, () =>
          [
            `${workflowId} (${description.type}): ${description.status.name}`,
            progress ? `stage ${progress.stage}: ${progress.stagesDone}/${progress.stagesTotal} stages done` : '',
            ...pending.map((p) => `running ${p.activity} (attempt ${p.attempt})${p.lastFailure ? `, last failure: ${p.lastFailure}` : ''}`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await session.close();
      }
    });
}
