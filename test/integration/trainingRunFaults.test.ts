import type { Client, WorkflowHandle } from '@temporalio/client';
import { join } from 'node:path';
import { closeActivityResources } from '../../activities';
import { startDevServer } from '../../workers/devServer';
import { freePort } from '../../workers/freePort';
import { runStatusQuery } from '../../workflows/runControl';
import type { trainingRun, TrainingRunResult } from '../../workflows/trainingRun';
import { betweenChunks, waitForHeartbeat, type PendingHeartbeat } from '../helpers/heartbeats';
import { startSlowJudgeServer } from '../helpers/slowJudgeServer';
import { tempDir, tempStore, testClient } from '../helpers/temporalTestKit';
import { checkpointChain, fastRunConfig, processWorkers, startRun, startRunWorkers } from '../helpers/trainingRunKit';

/**
 * Faults on a fast run, each compared with one uninterrupted baseline: a run that loses a worker, its server or its
 * workflow must end on the baseline's final checkpoint, through exactly the baseline's chain of checkpoints (so no
 * step was applied twice or skipped). Kills are triggered by observed heartbeats, never by sleeps. The reward asks a
 * (test) judge endpoint that takes 100 ms per sample, as a remote judge would, so a reward is long enough to be
 * interrupted.
 */
describe('a training run survives its faults and ends on the baseline checkpoint', () => {
  let judge: Awaited<ReturnType<typeof startSlowJudgeServer>>;
  let config: Record<string, unknown>;
  let baseline: { result: TrainingRunResult; chain: string[] };
  let client: Client;
  let closeClient: () => Promise<void>;

  beforeAll(async () => {
    judge = await startSlowJudgeServer(100);
    config = {
      ...fastRunConfig,
      promptsPerStep: 3,
      rolloutChunkPrompts: 1,
      microBatches: 4,
      maxTokens: 16,
      evaluation: { every: 0 },
      continueAsNewEvery: 100,
      reward: { terms: [{ reward: 'correct' }, { reward: 'judge', weight: 0.5 }], judge: { endpoint: judge.endpoint, model: 'test-judge', timeoutMs: 5000 } },
    };
    ({ client, close: closeClient } = await testClient());
    const { store } = tempStore('faults-baseline');
    const workers = await startRunWorkers(store);
    try {
      const result = await (await startRun(client, workers, { config })).result();
      baseline = { result, chain: (await checkpointChain(store, result.checkpoint)).map((c) => c.id) };
    } finally {
      await workers.stop();
    }
    expect(baseline.chain).toHaveLength(5);
  });

  afterAll(async () => {
    await closeClient();
    await judge.close();
    await closeActivityResources();
  });

  async function expectBaseline(handle: WorkflowHandle<typeof trainingRun>, store: ReturnType<typeof tempStore>['store']) {
    const result = await handle.result();
    expect(result.checkpoint).toBe(baseline.result.checkpoint);
    expect((await checkpointChain(store, result.checkpoint)).map((c) => c.id)).toEqual(baseline.chain);
    return result;
  }

  async function retriedActivities(handle: WorkflowHandle): Promise<string[]> {
    const history = await handle.fetchHistory();
    const scheduled = new Map((history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType?.name ?? '']));
    return (history.events ?? [])
      .filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) >= 2)
      .map((e) => scheduled.get(String(e.activityTaskStartedEventAttributes!.scheduledEventId)) ?? '');
  }

  it.each([
    ['gpu', 'rollout', betweenChunks('rollout')],
    ['gpu', 'update', ({ activity, details }: PendingHeartbeat) => activity === 'update' && details.phase === 'training' && details.microBatchesDone === 1],
    ['cpu', 'reward', betweenChunks('reward')],
  ] as const)('kill -9 of the %s worker during a %s', async (kind, activity, accept) => {
    const workers = processWorkers('faults');
    try {
      const handle = await startRun(client, workers.queues, { config });
      await waitForHeartbeat(handle, accept);
      await workers.kill(kind);
      await expectBaseline(handle, workers.store);
      expect(await retriedActivities(handle)).toContain(activity);
    } finally {
      await workers.stop();
    }
  });

  it('a restart of the dev server mid-run', async () => {
    const dbFile = join(tempDir('faults-sqlite'), 'temporal.db');
    const port = await freePort();
    let server = await startDevServer({ dbFile, port, ui: false });
    const { store } = tempStore('faults-restart');
    const workers = await startRunWorkers(store, server.address);
    try {
      let own = await testClient(server.address);
      const handle = await startRun(own.client, workers, { config });
      await waitForHeartbeat(handle, ({ activity, details }) => activity === 'update' && (details.step as number) >= 1);
      await own.close();
      await server.stop();
      server = await startDevServer({ dbFile, port, ui: false });
      own = await testClient(server.address);
      try {
        await expectBaseline(own.client.workflow.getHandle<typeof trainingRun>(handle.workflowId), store);
      } finally {
        await own.close();
      }
    } finally {
      await workers.stop();
      await server.stop();
    }
  });

  it('a terminated run restarted with --from-checkpoint continues on the same checkpoints', async () => {
    const { store } = tempStore('faults-terminate');
    const workers = await startRunWorkers(store);
    try {
      const handle = await startRun(client, workers, { config });
      await waitForHeartbeat(handle, ({ activity, details }) => activity === 'update' && (details.step as number) >= 2);
      const status = await handle.query(runStatusQuery);
      await handle.terminate('test: the run is lost');
      expect(status.step).toBeGreaterThanOrEqual(2);
      const restarted = await startRun(client, workers, { config, fromCheckpoint: status.checkpoint!.slice(0, 12) });
      const result = await expectBaseline(restarted, store);
      expect(result.steps).toBe(4);
      // The restart began at the checkpoint it was given: its first update read exactly that one.
      const chain = await checkpointChain(store, result.checkpoint);
      expect(chain.find((c) => c.id === status.checkpoint)?.step).toBe(status.step);
    } finally {
      await workers.stop();
    }
  });
});
