import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { EvaluateInput } from '../../activities/training/evaluateActivity';
import type { InitPolicyInput } from '../../activities/training/initPolicyActivity';
import type { RewardInput } from '../../activities/training/rewardActivity';
import type { RolloutInput } from '../../activities/training/rolloutActivity';
import type { UpdateInput } from '../../activities/training/updateActivity';
import { trainingRun } from '../../workflows/trainingRun';
import { testServers } from '../setup/testServers';
import { tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { fastRunConfig } from '../helpers/trainingRunKit';

/**
 * The workflow's own footprint: 300 steps whose activities do no work (they return what the real ones would, in
 * shape) must keep every execution of the continue-as-new chain far under Temporal's event limits.
 */
const trivialGpu = {
  initPolicy: async (input: InitPolicyInput) => ({ checkpoint: 'c0', step: 0, reference: 'c0', hyperparameters: input.hyperparameters, schedule: {} }),
  rollout: async (input: RolloutInput) => ({ manifest: { uri: 'x', sha256: 'x', bytes: 0 }, key: `rollout-${input.step}`, summary: { samples: 2, completionTokens: 2, hintedPrompts: 0 }, resumedFromChunk: 0, attempt: 1 }),
  update: async (input: UpdateInput) => ({ checkpoint: `c${input.step + 1}`, step: input.step + 1, metrics: { loss: 0, clipFraction: 0, kl: 0, gradNorm: 0, entropy: 0, tokens: 2 } }),
  evaluate: async (input: EvaluateInput) => ({ checkpoint: input.checkpoint, byLanguage: {}, accuracy: 0, problems: { uri: 'x', sha256: 'x', bytes: 0 } }),
};
// The prompt check reads the tokenizer of the initial checkpoint, which these runs only name.
const trivialCheckPrompts = async () => ({ train: 32, trainSkipped: 0, heldOut: 8, heldOutSkipped: 0, examples: [] });
const trivialReward = async (input: RewardInput) => ({ manifest: { uri: 'x', sha256: 'x', bytes: 0 }, key: `scored-${input.rollout}`, summary: { meanReward: 0.5, byLanguage: {}, components: {} }, resumedFromChunk: 0, attempt: 1 });

describe('a 300-step run', () => {
  it('keeps every execution under 10,000 events', async () => {
    const { store } = tempStore('history');
    const cpuQueue = uniqueQueue('history-cpu');
    const gpuQueue = uniqueQueue('history-gpu');
    const connection = await NativeConnection.connect({ address: testServers.get().temporalAddress });
    const cpu = await Worker.create({ connection, taskQueue: cpuQueue, workflowsPath: require.resolve('../../workflows'), activities: { ...createActivities(store).cpu, reward: trivialReward, checkPrompts: trivialCheckPrompts } });
    const gpu = await Worker.create({ connection, taskQueue: gpuQueue, activities: trivialGpu });
    const running = Promise.all([cpu.run(), gpu.run()]);
    const { client, close } = await testClient();
    try {
      const handle = await client.workflow.start(trainingRun, {
        taskQueue: cpuQueue,
        workflowId: uniqueQueue('history'),
        args: [{ config: { ...fastRunConfig, steps: 300, evaluation: { every: 50 }, continueAsNewEvery: 100 }, gpuTaskQueue: gpuQueue }],
      });
      const result = await handle.result();
      expect(result.steps).toBe(300);
      expect(result.checkpoint).toBe('c300');
      const lengths: number[] = [];
      for (let runId: string | undefined = (await handle.describe()).runId; runId; ) {
        const history = await client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
        lengths.push(history.events?.length ?? 0);
        runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
      }
      console.log(`events per execution: ${lengths.reverse().join(', ')}`);
      expect(lengths.length).toBeGreaterThanOrEqual(3);
      for (const length of lengths) expect(length).toBeLessThan(10_000);
    } finally {
      await close();
      cpu.shutdown();
      gpu.shutdown();
      await running;
      await connection.close();
    }
  });
});
