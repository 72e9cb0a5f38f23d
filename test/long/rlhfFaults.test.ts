/*
 * configs/rlhf-tiny.yaml's SFT -> reward model -> PPO stages on `drl worker` processes, the GPU worker killed -9
 * twice: while the reward model trains, and in a PPO epoch after the first. The pipeline resumes in the stage it was
 * in and ends on the same checkpoints, stage by stage, as the same stages on undisturbed in-process workers.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { closeActivityResources } from '../../activities';
import { pipelineRun, type PipelineRunResult } from '../../workflows/pipelineRun';
import { waitForHeartbeat } from '../helpers/heartbeats';
import { tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { processWorkers, startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

const full = parseYaml(readFileSync('configs/rlhf-tiny.yaml', 'utf8')) as { stages: Array<{ name: string }> };
// A dead worker's activity is retried once its heartbeats stop for this long (not part of what the stages compute).
const config = { ...full, stages: full.stages.filter((s) => ['sft', 'rm', 'ppo'].includes(s.name)), execution: { heartbeatTimeout: '3 seconds' } };

const checkpoints = (result: PipelineRunResult) => Object.fromEntries(result.stages.map((s) => [s.name, s.checkpoint]));

describe('a pipeline killed in a stage', () => {
  it('resumes in the reward-model stage and in a PPO epoch, and ends on the undisturbed checkpoints', async () => {
    const { client, close } = await testClient();
    const { store } = tempStore('rlhf-undisturbed');
    const inProcess = await startRunWorkers(store);
    const workers = processWorkers('rlhf-faults');
    try {
      const undisturbed = await (await client.workflow.start(pipelineRun, { taskQueue: inProcess.cpuQueue, workflowId: uniqueQueue('rlhf-undisturbed'), args: [{ config, gpuTaskQueue: inProcess.gpuQueue }] })).result();
      const workflowId = uniqueQueue('rlhf-faults');
      const handle = await client.workflow.start(pipelineRun, { taskQueue: workers.queues.cpuQueue, workflowId, args: [{ config, gpuTaskQueue: workers.queues.gpuQueue }] });
      await waitForHeartbeat(handle, (h) => h.activity === 'rewardModelStage' && h.details.phase === 'rewardModel' && (h.details.step as number) >= 20, 120_000);
      await workers.kill('gpu');
      const ppo = client.workflow.getHandle(`${workflowId}-ppo`);
      await waitForHeartbeat(
        { describe: () => ppo.describe().catch(() => ({ raw: {} }) as never) } as never,
        (h) => h.activity === 'update' && (h.details.epoch as number) >= 2,
        240_000,
      );
      await workers.kill('gpu');
      const resumed = await handle.result();
      expect(checkpoints(resumed)).toEqual(checkpoints(undisturbed));
      // The kill in an epoch found that epoch's predecessors committed, and the retry read them instead of redoing them.
      expect((await workers.store.list('outputs/update/')).some((key) => key.endsWith('/epoch-0.json'))).toBe(true);
    } finally {
      await close();
      await inProcess.stop();
      await workers.stop();
    }
  });
});
