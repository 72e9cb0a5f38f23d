import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { closeActivityResources } from '../../activities';
import { pipelineRun } from '../../workflows/pipelineRun';
import { tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

describe('configs/rlhf-tiny.yaml', () => {
  it('runs every stage end to end', async () => {
    const { store } = tempStore('rlhf');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const config = parseYaml(readFileSync(process.env.RLHF_CONFIG ?? 'configs/rlhf-tiny.yaml', 'utf8')) as Record<string, unknown>;
      const started = Date.now();
      const handle = await client.workflow.start(pipelineRun, { taskQueue: workers.cpuQueue, workflowId: uniqueQueue('rlhf'), args: [{ config, gpuTaskQueue: workers.gpuQueue }] });
      const result = await handle.result();
      process.stdout.write(`${JSON.stringify(result, null, 1)}\n${(Date.now() - started) / 1000} s\n`);
      expect(result.stages.map((s) => s.name)).toEqual(['sft', 'rm', 'grpo', 'ppo', 'dpo', 'eval-sft', 'eval-grpo', 'eval-ppo', 'eval-dpo']);
    } finally {
      await close();
      await workers.stop();
    }
  });
});
