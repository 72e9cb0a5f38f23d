import { WorkflowFailedError } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { closeActivityResources } from '../../activities';
import { readSamples } from '../../activities/chunkedWork';
import type { PpoRecord } from '../../activities/training/ppoUpdate';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import { scoreCompletions } from '../../engine/infer';
import { Engine } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import { readCheckpoint } from '../../training/checkpointStore';
import { pipelineRun } from '../../workflows/pipelineRun';
import { pipelineStatusQuery } from '../../workflows/pipelineStatus';
import { tempStore, testClient, uniqueQueue } from '../helpers/temporalTestKit';
import { startRunWorkers } from '../helpers/trainingRunKit';

afterAll(() => closeActivityResources());

/** GAE written out the slow way: A_t = sum_k (gamma lambda)^k delta_{t+k}, V = 0 after the last token. */
function byHandGae(rewards: number[], values: number[], gamma: number, lambda: number): number[] {
  const delta = rewards.map((r, t) => r + gamma * (values[t + 1] ?? 0) - values[t]);
  return delta.map((_, t) => delta.slice(t).reduce((sum, d, k) => sum + (gamma * lambda) ** k * d, 0));
}

describe('configs/rlhf-tiny.yaml', () => {
  it('runs SFT -> reward model -> GRPO, PPO and DPO -> evaluations, and PPO pays the reward on the last token with GAE advantages', async () => {
    const { store } = tempStore('rlhf');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const config = parseYaml(readFileSync('configs/rlhf-tiny.yaml', 'utf8')) as Record<string, unknown>;
      const workflowId = uniqueQueue('rlhf');
      const result = await (await client.workflow.start(pipelineRun, { taskQueue: workers.cpuQueue, workflowId, args: [{ config, gpuTaskQueue: workers.gpuQueue }] })).result();
      for (const stage of result.stages) process.stdout.write(`${stage.name} ${stage.seconds} s ${JSON.stringify(stage.metrics)}\n`);
      const stage = (name: string) => result.stages.find((s) => s.name === name)!;
      expect(result.stages.map((s) => s.name)).toEqual(['sft', 'rm', 'grpo', 'ppo', 'dpo', 'eval-sft', 'eval-grpo', 'eval-ppo', 'eval-dpo']);
      expect(stage('rm').metrics.heldOutLowerBound).toBeGreaterThan(0.5);
      expect(stage('eval-sft').metrics).toMatchObject({ winRate: 0.5 });
      expect(Math.abs(stage('eval-sft').metrics.klToBaseline)).toBeLessThan(1e-6);
      expect(stage('ppo').workflowId).toBe(`${workflowId}-ppo`);

      // The committed PPO updates of the run: what each made of its rollout, and from what.
      const sft = stage('sft').checkpoint!;
      const records = (await store.list('outputs/update/')).filter((key) => key.endsWith('/ppo.json'));
      expect(records.length).toBe(20);
      const record = (await store.getManifest<PpoRecord>(records[0]))!;
      const samples = await readSamples<RolloutSample>(store, record.rollout);
      // The KL reference is the step-0 policy: SFT's weights with a value head.
      const reference = await readCheckpoint(store, record.reference);
      expect(reference.parent).toBe(sft);
      const sftModel = await readCheckpoint(store, sft);
      for (const [name, data] of sftModel.weights) expect(reference.weights.get(name)).toEqual(data);
      const engine = new Engine({ threads: 1 });
      try {
        const refLogProbs = await scoreCompletions({ runner: engine, config: sftModel.model, weights: sftModel.weights }, samples.map((s) => ({ prompt: s.promptTokens!, completion: s.tokens })), { padId: new ByteTokenizer().pad });
        record.samples.forEach((sample, i) => {
          const n = samples[i].tokens.length;
          expect([sample.slot, sample.sampleIndex]).toEqual([samples[i].slot, samples[i].sampleIndex]);
          expect(sample.refLogProbs.length).toBe(n);
          sample.refLogProbs.forEach((ref, t) => expect(ref).toBeCloseTo(refLogProbs[i][t], 4));
          const kl = (t: number) => -record.klBeta * (samples[i].logProbs[t] - sample.refLogProbs[t]);
          // The reward-model score on the last response token only; every token pays its KL.
          sample.rewards.forEach((r, t) => expect(r).toBeCloseTo(kl(t) + (t === n - 1 ? sample.score : 0), 5));
          byHandGae(sample.rewards, sample.values, record.gamma, record.lambda).forEach((a, t) => expect(sample.advantages[t]).toBeCloseTo(a, 5));
        });
      } finally {
        await engine.close();
      }
    } finally {
      await close();
      await workers.stop();
    }
  });

  it('fails at the reward-model gate on an untrained reward model, before any policy is trained on it', async () => {
    const { store } = tempStore('rlhf-gate');
    const workers = await startRunWorkers(store);
    const { client, close } = await testClient();
    try {
      const full = parseYaml(readFileSync('configs/rlhf-tiny.yaml', 'utf8')) as { stages: Array<Record<string, unknown>> };
      const [sft, rm, grpo] = full.stages;
      // Two SFT steps and one reward-model step at a learning rate that cannot move it: chance on held-out pairs.
      const config = { ...full, stages: [{ ...sft, steps: 2 }, { ...rm, steps: 1, lr: 1e-9 }, grpo] };
      const handle = await client.workflow.start(pipelineRun, { taskQueue: workers.cpuQueue, workflowId: uniqueQueue('rlhf-gate'), args: [{ config, gpuTaskQueue: workers.gpuQueue }] });
      const failure = (await handle.result().catch((e: unknown) => e)) as WorkflowFailedError;
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect(failure.cause).toMatchObject({ type: 'RewardModelGateError', message: expect.stringMatching(/stage rm: the reward model ranks .* held-out pairs right; the 95% lower bound 0\.\d+ is not above 0\.5/) });
      const status = await handle.query(pipelineStatusQuery);
      expect(status.stages.map((s) => s.status)).toEqual(['done', 'failed', 'pending']);
      expect(await store.list('outputs/rollout/')).toEqual([]);
    } finally {
      await close();
      await workers.stop();
    }
  });
});
