import { WorkflowFailedError } from '@temporalio/client';
import { closeActivityResources } from '../../activities';
import { readChunks } from '../../activities/chunkedWork';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import type { ScoredSample } from '../../activities/training/rewardActivity';
import { saveCheckpoint } from '../../engine/io';
import { ModelConfig, initParameters, namedSizes, parameterSpecs, validateModelConfig } from '../../engine/model';
import { Engine } from '../../engine/runtime';
import { loadRewardModel, rewardModelRewards } from '../../activities/training/rewardModelGrader';
import type { ArtifactStore } from '../../store/artifactStore';
import { commitCheckpoint } from '../../training/checkpointStore';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { fastRunConfig, startRun, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

/** A small byte-vocabulary model with a score head; random weights are enough to see whose scores the run paid. */
const rewardModelConfig: ModelConfig = validateModelConfig({ ...namedSizes.tiny, dModel: 32, nLayers: 1, nHeads: 4, nKvHeads: 2, dFf: 64, maxSeqLen: 256, scalarHead: 'score' });

async function saveModel(store: ArtifactStore, config: ModelConfig): Promise<string> {
  const weights = initParameters(config, 4, 0.3);
  const tensors = new Map(parameterSpecs(config).map((s) => [s.name, { shape: s.shape, data: Float32Array.from(weights.get(s.name)!) }]));
  const fields = { step: 0, parent: null, model: config, rng: {}, scheduler: {}, producedBy: { commit: 'test', lockfileHash: 'test', ortVersion: 'test', threads: 1 }, optimizer: null };
  return commitCheckpoint(store, await saveCheckpoint(store, fields, tensors));
}

const runConfig = (checkpoint: string) => ({
  ...fastRunConfig,
  steps: 1,
  evaluation: { every: 0, problems: 4 },
  reward: { terms: [{ reward: 'rewardModel' }], rewardModel: { checkpoint, normalise: 'sigmoid' } },
});

describe('a training run with a rewardModel term', () => {
  it('pays each sample the sigmoid of the reward model score of its prompt and response, and refuses a checkpoint without a score head', async () => {
    const { store } = tempStore('reward-model-run');
    const rewardModel = await saveModel(store, rewardModelConfig);
    const { scalarHead: _, ...plain } = rewardModelConfig;
    const plainModel = await saveModel(store, plain);
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const result = await (await startRun(client, workers, { config: runConfig(rewardModel.slice(0, 12)) })).result();
      expect(result.steps).toBe(1);

      const [rewardKey] = (await store.list('outputs/reward/')).filter((key) => /^outputs\/reward\/[0-9a-f]+\.json$/.test(key));
      const committed = (await store.getManifest<{ input: { rollout: string }; summary: { meanReward: number } }>(rewardKey))!;
      const parse = <T>(bytes: Uint8Array) => (JSON.parse(Buffer.from(bytes).toString('utf8')) as { samples: T[] }).samples;
      const rollout = (await readChunks(store, committed.input.rollout)).map((chunk) => parse<RolloutSample>(chunk));
      const scored = (await readChunks(store, rewardKey)).map((chunk) => parse<ScoredSample>(chunk));
      expect(scored.map((c) => c.length)).toEqual(rollout.map((c) => c.length));

      // The same chunks scored here, on an engine of our own with the activity's thread count.
      const engine = new Engine({ threads: 1 });
      try {
        const rm = await loadRewardModel(store, rewardModel, engine);
        for (const [c, samples] of rollout.entries()) {
          const expected = await rewardModelRewards(rm, samples.map((s) => ({ prompt: s.prompt, response: s.text })), { normalise: 'sigmoid' });
          scored[c].forEach((s, i) => {
            expect([s.slot, s.sampleIndex]).toEqual([samples[i].slot, samples[i].sampleIndex]);
            expect(s.components['rewardModel.raw']).toBe(expected[i].components.raw);
            expect(s.score).toBe(expected[i].score);
          });
        }
      } finally {
        await engine.close();
      }
      const scores = scored.flat().map((s) => s.score);
      expect(new Set(scores).size).toBeGreaterThan(1);
      expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
      expect(committed.summary.meanReward).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);

      const failure = await (await startRun(client, workers, { config: runConfig(plainModel) })).result().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause as Error & { cause?: Error & { type?: string } };
      expect(cause.cause).toMatchObject({ type: 'InputError', message: expect.stringContaining(`reward model: checkpoint ${plainModel} has no scalar head`) });
    } finally {
      await close();
      await workers.stop();
    }
  });
});
