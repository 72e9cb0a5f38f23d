import { once } from 'node:events';
import { buildDataset } from '../../workflows/buildDataset';
import { waitForHeartbeat } from '../helpers/heartbeats';
import { spawnWorkerProcess, startTestWorker, tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { testServers } from '../setup/testServers';

const config = {
  builder: 'kgPairs',
  kg: 'countries',
  questions: 24,
  // Every language the countries graph has: the corpus stage, one chunk per language at about 0.1 s each, is the
  // slowest stage by far, so a kill after its first chunk lands while the stage still runs (the question stages take
  // a few milliseconds per chunk, too little to aim a kill at).
  languages: ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'sw', 'te'],
  hops: { min: 2, max: 3 },
  contextChars: 2000,
  seed: 11,
  chunkSize: 3,
};

describe('a dataset build survives kill -9 of its worker', () => {
  it('resumes on a restarted worker from the last heartbeat and produces the same dataset', async () => {
    const { client, close } = await testClient();
    try {
      const baselineStore = tempStore('baseline');
      const baselineQueue = uniqueQueue('baseline');
      const baselineWorker = await startTestWorker(baselineStore.store, baselineQueue);
      const baseline = await client.workflow.execute(buildDataset, { taskQueue: baselineQueue, workflowId: uniqueQueue('baseline'), args: [config] });
      await baselineWorker.stop();

      const { dir } = tempStore('crash');
      const taskQueue = uniqueQueue('crash');
      const env = { TEMPORAL_ADDRESS: testServers.get().temporalAddress, DRL_STORE: dir };
      const first = spawnWorkerProcess('cpu', taskQueue, env);
      const handle = await client.workflow.start(buildDataset, { taskQueue, workflowId: uniqueQueue('crash'), args: [config] });
      // Early in a stage, so the kill lands while that stage still has chunks to do.
      const seen = await waitForHeartbeat(handle, ({ activity, details }) =>
        activity === 'datasetStage' && (details.nextChunk as number) >= 1 && (details.nextChunk as number) <= (details.chunkCount as number) / 2,
      );
      first.kill('SIGKILL');
      await once(first, 'exit');

      const second = spawnWorkerProcess('cpu', taskQueue, env);
      try {
        const result = await handle.result();
        expect(result.datasetId).toBe(baseline.datasetId);
        expect(result.records.sha256).toBe(baseline.records.sha256);
        const resumed = result.stages.find((stage) => stage.attempt >= 2);
        expect(resumed).toBeDefined();
        expect(resumed!.resumedFromChunk).toBeGreaterThan(0);
        expect(resumed!.resumedFromChunk).toBeLessThanOrEqual(seen.details.chunkCount as number);

        const history = await handle.fetchHistory();
        const retriedStarts = (history.events ?? []).filter((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 0) >= 2);
        expect(retriedStarts.length).toBeGreaterThanOrEqual(1);
      } finally {
        second.kill('SIGTERM');
        await once(second, 'exit');
      }
    } finally {
      await close();
    }
  });
});
