import { WorkflowFailedError } from '@temporalio/client';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunLedger } from '../../cli/runLedger';
import { verifyChain } from '../../training/checkpointChain';
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

  it('warms the policy up with SFT on the reference solutions before the first step', async () => {
    const { store } = tempStore('sft');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const config = { ...fastRunConfig, steps: 1, evaluation: { every: 0 }, maxTokens: 64, sft: { steps: 30, batch: 4, lr: 3e-3 } };
      const handle = await startRun(client, workers, { config });
      await handle.result();
      const init = (await readRunLedger(client, handle.workflowId)).activities.find((a) => a.type === 'initPolicy')!;
      const { sftLosses } = init.result as { sftLosses: number[] };
      expect(sftLosses).toHaveLength(30);
      expect(sftLosses[29]).toBeLessThan(sftLosses[0] * 0.6);
    } finally {
      await close();
      await workers.stop();
    }
  });

  it('fails without retrying on a missing checkpoint or a corrupted one, leaving the chain before it intact', async () => {
    const { dir, store } = tempStore('damaged');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    const failureOf = async (fromCheckpoint: string) => {
      const failure = (await (await startRun(client, workers, { config: { ...fastRunConfig, steps: 3 }, fromCheckpoint })).result().catch((e: unknown) => e)) as WorkflowFailedError;
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = failure.cause as Error & { cause?: Error & { type?: string; message: string } };
      return { type: cause.cause?.type, message: cause.cause?.message ?? '' };
    };
    try {
      expect(await failureOf('deadbeefdeadbeef')).toMatchObject({ type: 'InputError', message: expect.stringMatching(/no checkpoint deadbeefdeadbeef/) });

      const done = await (await startRun(client, workers, { config: { ...fastRunConfig, steps: 2, evaluation: { every: 0 } } })).result();
      const [head, parent] = await checkpointChain(store, done.checkpoint);
      // Tensor blobs are shared by every checkpoint that holds the same values, so the damage is done to the one
      // file that is this checkpoint's alone: its manifest.
      const file = join(dir, 'checkpoints', `${head.id}.json`);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"step":2', '"step":1'));
      // The policy cache of the workers still holds the good weights; new workers read the store.
      await workers.stop();
      const fresh = await startRunWorkers(store);
      Object.assign(workers, fresh);
      const corrupted = await failureOf(head.id);
      expect(corrupted.type).toBe('IntegrityError');
      expect(corrupted.message).toMatch(new RegExp(head.id));
      expect((await verifyChain(store, parent.id)).every((link) => link.state === 'ok')).toBe(true);
    } finally {
      await close();
      await workers.stop();
    }
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
