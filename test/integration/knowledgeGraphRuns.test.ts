/**
 * LongTraceRL and ContextRL as shipped (configs/longtrace-tiny.yaml, configs/contextrl-tiny.yaml, from the committed
 * base), shrunk to a few steps and trained through the real workflow on the real dev server. The rewards a step
 * committed are recomputed here by hand from its samples, and ContextRL's margin from the inference path's logits;
 * a long-context run whose GPU worker is killed mid-rollout ends on its undisturbed twin's checkpoint.
 */
import '../helpers/shareTypedArraysWithOrt';
import type { Client } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { closeActivityResources } from '../../activities';
import { readSamples } from '../../activities/chunkedWork';
import type { ScoredSample } from '../../activities/training/rewardActivity';
import type { RolloutSample } from '../../activities/training/rolloutActivity';
import type { UpdateResult } from '../../activities/training/updateActivity';
import { importPolicyFile } from '../../cli/policyFile';
import { readRunLedger, type RunLedger } from '../../cli/runLedger';
import { findDataset } from '../../datasets/datasetManifest';
import { CachedBatch, sessionCacheRunner } from '../../engine/infer';
import { SessionCache, resolveRuntimeOptions } from '../../engine/runtime';
import { ByteTokenizer } from '../../engine/tokenizer';
import type { ArtifactStore } from '../../store/artifactStore';
import { readCheckpoint } from '../../training/checkpointStore';
import type { RunConfig } from '../../training/runConfig';
import { contextPairsTask } from '../../training/tasks/contextPairsTask';
import type { TrainingRunResult } from '../../workflows/trainingRun';
import { betweenChunks, waitForHeartbeat } from '../helpers/heartbeats';
import { tempStore, testClient } from '../helpers/temporalTestKit';
import { checkpointChain, processWorkers, startRun, startRunWorkers } from '../helpers/trainingRunKit';

const CONFIGS = join(__dirname, '..', '..', '..', 'configs');

/** A shipped config at test size: fewer questions and steps, the same method, reward, base and shapes otherwise. */
function shrunk(name: string, changes: Record<string, unknown> = {}): { config: Record<string, unknown>; file: string } {
  const file = join(CONFIGS, name);
  const config = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const dataset = { ...(config.dataset as Record<string, unknown>), questions: 60, chunkSize: 20 };
  return {
    file,
    config: {
      ...config,
      dataset,
      steps: 2,
      promptsPerStep: 4,
      groupSize: 4,
      maxTokens: 12,
      rolloutChunkPrompts: 2,
      microBatches: 2,
      maxSkippedShare: 0.5,
      evaluation: { every: 2, problems: 3, maxTokens: 12, batch: 3 },
      threads: 1,
      ...changes,
    },
  };
}

/** The config with its base file imported into the store (as `drl run` does). */
async function withBase(store: ArtifactStore, { config, file }: { config: Record<string, unknown>; file: string }): Promise<Record<string, unknown>> {
  return (await importPolicyFile(config as unknown as RunConfig, store, file)) as unknown as Record<string, unknown>;
}

async function datasetRecords(store: ArtifactStore, datasetId: string): Promise<Map<string, Record<string, unknown>>> {
  const manifest = await findDataset(store, datasetId);
  const lines = Buffer.from(await store.getBlob(manifest.records)).toString('utf8').split('\n').filter(Boolean);
  return new Map(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map((r) => [r.id as string, r]));
}

const stepOutputs = async <T>(store: ArtifactStore, activity: { result?: unknown } | undefined) => readSamples<T>(store, (activity!.result as { key: string }).key);

/** METHODS.md's LongTraceRL reward, written out again: normalisation, final answer, aliases, rubric, group max. */
function rubricRewardsByHand(samples: RolloutSample[], record: (id: string) => Record<string, unknown>): number[] {
  const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}_\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu, ' ').trim();
  const final = (s: string) => normalise(s.trimStart().split('\n')[0].split('=>').pop()!);
  const rates = samples.map((s) => {
    const rubric = record(s.problemId).rubric as string[];
    return rubric.filter((entity) => normalise(s.text).includes(normalise(entity))).length / rubric.length;
  });
  return samples.map((s, i) => {
    const r = record(s.problemId);
    const names = [r.answer as string, ...(r.answer_aliases as string[])].map(normalise);
    if (!names.includes(final(s.text))) return 0;
    const groupMax = Math.max(...samples.flatMap((t, j) => (t.slot === s.slot ? [rates[j]] : [])));
    return 0.7 + 0.3 * (groupMax > 0 ? rates[i] / groupMax : rates[i]);
  });
}

afterAll(() => closeActivityResources());

describe('knowledge-graph methods through the real workflow', () => {
  let client: Client;
  let closeClient: () => Promise<void>;
  beforeAll(async () => ({ client, close: closeClient } = await testClient()));
  afterAll(() => closeClient());

  async function trained(store: ArtifactStore, config: Record<string, unknown>): Promise<{ result: TrainingRunResult; ledger: RunLedger }> {
    const workers = await startRunWorkers(store);
    try {
      const handle = await startRun(client, workers, { config });
      const result = await handle.result();
      return { result, ledger: await readRunLedger(client, handle.workflowId) };
    } finally {
      await workers.stop();
    }
  }

  it('LongTraceRL stores the rubric reward a hand computation gives, and evaluates with and without the context', async () => {
    const { store } = tempStore('longtrace');
    const { result, ledger } = await trained(store, await withBase(store, shrunk('longtrace-tiny.yaml')));
    expect(result.steps).toBe(2);
    const records = await datasetRecords(store, ledger.datasetId!);
    let correct = 0;
    for (const step of ledger.steps) {
      const samples = await stepOutputs<RolloutSample>(store, step.rollout);
      const scores = await stepOutputs<ScoredSample>(store, step.reward);
      const byHand = rubricRewardsByHand(samples, (id) => records.get(id)!);
      scores.forEach((s, i) => expect(s.score).toBeCloseTo(byHand[i], 12));
      correct += byHand.filter((r) => r > 0).length;
    }
    // The base answers some questions: the reward was not all zeros.
    expect(correct).toBeGreaterThan(0);
    const final = ledger.evaluations[ledger.evaluations.length - 1].result.byLanguage;
    for (const language of ['en', 'es']) {
      expect(Object.keys(final[language].views!)).toEqual(['closedBook', 'goldOnly']);
      expect(final[language].metrics!.rubric).toBeGreaterThanOrEqual(0);
    }
  });

  it("ContextRL's margin is the one the inference path's logits give, and its choice view is evaluated", async () => {
    const { store } = tempStore('contextrl');
    const { result, ledger } = await trained(store, await withBase(store, shrunk('contextrl-tiny.yaml', { maxPromptTokens: 1216 })));
    expect(result.steps).toBe(2);
    const records = await datasetRecords(store, ledger.datasetId!);
    const tokenizer = new ByteTokenizer();
    const cache = new SessionCache(resolveRuntimeOptions({ threads: 1 }));
    try {
      for (const step of ledger.steps) {
        // One row per prompt slot, in slot order.
        const slots = new Map((await stepOutputs<RolloutSample>(store, step.rollout)).map((s) => [s.slot, s.problemId]));
        const ids = [...slots.keys()].sort((a, b) => a - b).map((slot) => slots.get(slot)!);
        const episodes = ids.map((id) => contextPairsTask.episode(records.get(id)!, id));
        // Teacher forcing: the choice prompt and the space before a label, then the label's logits.
        const prompts = episodes.map((e) => tokenizer.encode(`${contextPairsTask.prompt(e, { view: 'choice' })} `, { bos: true }));
        const { model: config, weights } = await readCheckpoint(store, step.checkpointIn);
        const batch = await CachedBatch.prefill({ runner: sessionCacheRunner(cache), config, weights }, prompts, tokenizer.pad);
        const [A, B] = ['A', 'B'].map((label) => tokenizer.encode(label)[0]);
        const margins = episodes.map((e, row) => {
          const logits = batch.logits(row);
          return e.supporting === 'A' ? logits[A] - logits[B] : logits[B] - logits[A];
        });
        await batch.close();
        const { metrics } = step.update!.result as UpdateResult;
        expect(metrics.auxiliary!.contextMargin).toBeCloseTo(margins.reduce((a, b) => a + b, 0) / margins.length, 4);
      }
    } finally {
      await cache.release();
    }
    const final = ledger.evaluations[ledger.evaluations.length - 1];
    expect(Object.keys(final.result.byLanguage.en.views!)).toEqual(['choice', 'closedBook']);
    const graded = Buffer.from(await store.getBlob(final.result.problems)).toString('utf8');
    expect(graded).toContain('"changedHop"');
  });
});

describe('a long-context run survives a kill -9 of its GPU worker mid-rollout', () => {
  it("and ends on the undisturbed run's checkpoint through the same chain", async () => {
    const { client, close } = await testClient();
    try {
      const { config, file } = shrunk('longtrace-tiny.yaml', {
        steps: 1,
        promptsPerStep: 8,
        groupSize: 2,
        rolloutChunkPrompts: 1,
        evaluation: { every: 0 },
        // Outside every hash: the SDK sends heartbeats at most every 0.8 x this, so a short one shows each chunk.
        execution: { heartbeatTimeout: '3 seconds' },
      });
      const baselineStore = tempStore('longtrace-baseline').store;
      const inProcess = await startRunWorkers(baselineStore);
      let baseline: TrainingRunResult;
      try {
        baseline = await (await startRun(client, inProcess, { config: await withBase(baselineStore, { config, file }) })).result();
      } finally {
        await inProcess.stop();
      }
      const workers = processWorkers('longtrace-kill');
      try {
        const handle = await startRun(client, workers.queues, { config: await withBase(workers.store, { config, file }) });
        // The worker processes start and build the dataset first: more than a minute on a loaded machine.
        await waitForHeartbeat(handle, betweenChunks('rollout'), 240_000);
        await workers.kill('gpu');
        const result = await handle.result();
        expect(result.checkpoint).toBe(baseline.checkpoint);
        expect((await checkpointChain(workers.store, result.checkpoint)).map((c) => c.id)).toEqual((await checkpointChain(baselineStore, baseline.checkpoint)).map((c) => c.id));
      } finally {
        await workers.stop();
      }
    } finally {
      await close();
    }
  }, 400_000);
});
