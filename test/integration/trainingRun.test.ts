import { WorkflowFailedError } from '@temporalio/client';
import { closeActivityResources } from '../../activities';
import { runStatusQuery } from '../../workflows/runControl';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { checkpointChain, fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

describe('trainingRun workflow (real dev server, real engine)', () => {
  it('runs every step through rollout, reward and update, continues as new, and is bitwise reproducible', async () => {
    const { client, close } = await testClient();
    const runs = [];
    try {
      for (const label of ['a', 'b']) {
        const { store } = tempStore(`run-${label}`);
        const workers = await startRunWorkers(store);
        try {
          const handle = await startRun(client, workers, { config: fastRunConfig });
          const result = await handle.result();
          runs.push({ store, result, handle });
        } finally {
          await workers.stop();
        }
      }
    } finally {
      await close();
    }
    const [a, b] = runs;
    expect(a.result.steps).toBe(4);
    expect(b.result.checkpoint).toBe(a.result.checkpoint);
    const chain = await checkpointChain(a.store, a.result.checkpoint);
    expect(chain.map((c) => c.step)).toEqual([4, 3, 2, 1, 0]);
    // Evaluated before RL, at step 2 and at the end.
    expect(a.result.evaluations.map((e) => e.step)).toEqual([0, 2, 4]);
    expect(a.result.evaluations[0].byLanguage.en.problems).toBe(4);
  });

  it('rejects a bad config with every problem named, before any work', async () => {
    const { store } = tempStore('bad');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const handle = await startRun(client, workers, { config: { ...fastRunConfig, steps: 0, groupSize: 'four' } });
      const failure = await handle.result().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause as Error & { type?: string; cause?: Error & { type?: string } };
      const message = `${cause.message} ${cause.cause?.message ?? ''}`;
      expect(message).toMatch(/steps/);
      expect(message).toMatch(/groupSize/);
      expect(await store.list('checkpoints/')).toEqual([]);
      await expect(handle.query(runStatusQuery)).resolves.toMatchObject({ step: 0 });
    } finally {
      await close();
      await workers.stop();
    }
  });
});
