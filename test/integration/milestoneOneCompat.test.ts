/**
 * What milestone 1 left in stores and on servers keeps working: a checkpoint of format 1 whose schedule state is
 * named `recipe` resumes with its schedule, and a schedule created with the old config keys (`recipe:`,
 * `dataset.recipe`, from test/fixtures/v1/, recorded with the milestone-1 CLI) starts a run that completes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeActivityResources } from '../../activities';
import { readRunLedger } from '../../cli/runLedger';
import type { CheckpointManifest } from '../../engine/io/checkpoint';
import { checkpointKey, commitCheckpoint } from '../../training/checkpointStore';
import { runStatusQuery } from '../../workflows/runControl';
import { DrlMethod } from '../../workflows/searchAttributes';
import { trainingRun } from '../../workflows/trainingRun';
import { tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { startRun, startRunWorkers } from '../helpers/trainingRunKit';

const scheduled = JSON.parse(readFileSync(join('test', 'fixtures', 'v1', 'scheduledLangRun.json'), 'utf8')) as { args: [{ config: Record<string, unknown> }] };
const v1Config = scheduled.args[0].config;

afterAll(() => closeActivityResources());

describe('milestone-1 checkpoints and schedules', () => {
  it('a schedule created with the old keys starts a LANG run that completes; a checkpoint with its schedule as `recipe` resumes it', async () => {
    const { store } = tempStore('v1');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    const scheduleId = uniqueQueue('v1-schedule');
    try {
      const schedule = await client.schedule.create({
        scheduleId,
        spec: { cronExpressions: ['0 3 * * *'] },
        action: { type: 'startWorkflow', workflowType: trainingRun, taskQueue: workers.cpuQueue, workflowId: `${scheduleId}-run`, args: [{ ...scheduled.args[0], gpuTaskQueue: workers.gpuQueue }] },
      });
      await schedule.trigger();
      let workflowId: string | undefined;
      for (let i = 0; i < 100 && !workflowId; i++) {
        workflowId = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
        if (!workflowId) await new Promise((r) => setTimeout(r, 100));
      }
      const handle = client.workflow.getHandle<typeof trainingRun>(workflowId!);
      const result = await handle.result();
      expect(result.steps).toBe(2);
      const status = await handle.query(runStatusQuery);
      expect(status.method).toBe('lang');
      expect(Object.keys((status.schedule!.lang as { languages: object }).languages)).toEqual(['en']);
      expect((await handle.describe()).typedSearchAttributes.get(DrlMethod)).toBe('lang');
      await schedule.delete();

      // The step-1 checkpoint as milestone 1 wrote it: the same tensors, format 1 (no tokenizer field), its schedule
      // state under `recipe`.
      const ledger = await readRunLedger(client, handle.workflowId);
      const stepOne = ledger.steps[0].checkpointOut!;
      const { tokenizer, ...manifest } = (await store.getManifest<CheckpointManifest>(checkpointKey(stepOne)))!;
      expect(tokenizer).toEqual({ kind: 'bytes', vocabSize: 264 });
      const { schedule: state, ...scheduler } = manifest.scheduler as Record<string, unknown>;
      const v1Checkpoint = await commitCheckpoint(store, { ...manifest, format: 'drl-checkpoint/1', scheduler: { ...scheduler, recipe: state } });

      const resumed = await Promise.all(
        [stepOne, v1Checkpoint].map(async (fromCheckpoint, i) => {
          const run = await startRun(client, workers, { config: v1Config, fromCheckpoint }, uniqueQueue(`v1-resume-${i}`));
          await run.result();
          const steps = (await readRunLedger(client, run.workflowId)).steps;
          return { status: await run.query(runStatusQuery), rollout: steps[steps.length - 1].rollout!.input as Record<string, unknown> };
        }),
      );
      // Both continue the schedule exactly: the same hints at step 1, the same schedule after it.
      expect(resumed[1].rollout.methodParameters).toEqual(resumed[0].rollout.methodParameters);
      expect(resumed[1].status.schedule).toEqual(resumed[0].status.schedule);
      expect(resumed[1].status.step).toBe(2);
    } finally {
      await close();
      await workers.stop();
    }
  });
});
