/**
 * Orchestration overhead per training step: the trainingRun workflow (real dev server, in-process CPU and GPU
 * workers, every activity output committed to the store) against the same rollout, reward and update activity
 * functions called in a plain loop (MockActivityEnvironment supplies the activity context), first with trivial
 * compute, then with a real tiny-model step.
 * Run: npx tsc -p tsconfig.json --outDir .build-bench && node .build-bench/bench/orchestration.bench.js [trivialSteps] [realSteps]
 */
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initPolicy } from '../activities/training/initPolicyActivity';
import { reward } from '../activities/training/rewardActivity';
import { rollout } from '../activities/training/rolloutActivity';
import { createTrainingContext } from '../activities/training/trainingContext';
import { update } from '../activities/training/updateActivity';
import { readRunLedger } from '../cli/runLedger';
import type { ArtifactStore } from '../store/artifactStore';
import { openStore } from '../store/openStore';
import { parseRunConfig, type RunConfig } from '../training/runConfig';
import { startDevEnvironment } from '../workers/devEnvironment';
import { taskQueues } from '../core/taskQueues';
import { trainingRun } from '../workflows/trainingRun';

const trivialSteps = Number(process.argv[2] ?? 100);
const realSteps = Number(process.argv[3] ?? 20);
/** Steps at the start of each run left out of the figures: ORT sessions and graphs are built there. */
const WARMUP = 3;

const dataset = { recipe: 'lang', languages: ['en'], problemsPerLanguage: 40, maxSteps: 1, evalPerLanguage: 8, seed: 3, chunkSize: 20 };
const shapes = {
  trivial: { promptsPerStep: 1, groupSize: 2, maxTokens: 1, rolloutChunkPrompts: 1, microBatches: 1 },
  real: { promptsPerStep: 8, groupSize: 4, maxTokens: 32, rolloutChunkPrompts: 4, microBatches: 2 },
};

function configOf(kind: keyof typeof shapes, seed: number, steps: number): RunConfig {
  return parseRunConfig({ seed, dataset, policy: { size: 'tiny' }, steps: steps + WARMUP, maxPromptTokens: 192, ...shapes[kind] });
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Milliseconds between consecutive update completions, warm-up left out. */
function intervals(ends: number[]): number[] {
  return ends.slice(1).map((end, i) => end - ends[i]).slice(WARMUP - 1);
}

interface Measured {
  stepMs: number[];
  /** Time inside the activities of each step (durable side: started to closed, from the history). */
  workMs: number[];
  /** Durable side: time the step's activity tasks waited from scheduling to a worker starting them. */
  queueMs?: number[];
}

async function durableRun(client: Client, config: RunConfig, workflowId: string): Promise<Measured & { datasetId: string }> {
  const result = await client.workflow.execute(trainingRun, { taskQueue: taskQueues.cpu, workflowId, args: [{ config }] });
  const ledger = await readRunLedger(client, workflowId);
  const ends = ledger.steps.map((s) => Date.parse(s.update!.closedAt!));
  const activities = ledger.steps.map((s) => [s.rollout!, s.reward!, s.update!]);
  const sum = (span: (a: (typeof activities)[number][number]) => number) => activities.map((step) => step.reduce((ms, a) => ms + span(a), 0)).slice(WARMUP);
  return {
    stepMs: intervals(ends),
    workMs: sum((a) => Date.parse(a.closedAt!) - Date.parse(a.startedAt!)),
    queueMs: sum((a) => Date.parse(a.startedAt!) - Date.parse(a.scheduledAt)),
    datasetId: result.datasetId,
  };
}

/** The workflow's step loop without Temporal: the same activity functions, inputs built the same way. */
async function plainRun(store: ArtifactStore, config: RunConfig, datasetId: string): Promise<Measured> {
  const ctx = createTrainingContext(store);
  const env = new MockActivityEnvironment();
  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => env.run(fn, ...args) as Promise<R>;
  let state = await run(initPolicy, ctx, { policy: config.policy, seed: config.seed, hyperparameters: config.hyperparameters, maxPromptTokens: config.maxPromptTokens, maxTokens: config.maxTokens, threads: config.threads, sft: config.sft, datasetId });
  const ends: number[] = [];
  const work: number[] = [];
  for (let step = 0; step < config.steps; step++) {
    const started = performance.now();
    const rolled = await run(rollout, ctx, {
      datasetId, checkpoint: state.checkpoint, step, seed: config.seed, promptsPerStep: config.promptsPerStep, groupSize: config.groupSize,
      maxTokens: config.maxTokens, maxPromptTokens: config.maxPromptTokens, chunkPrompts: config.rolloutChunkPrompts,
      temperature: state.hyperparameters.temperature, threads: config.threads, method: config.method, methodParameters: {},
    });
    const scored = await run(reward, ctx, { datasetId, rollout: rolled.key, reward: config.reward });
    const updated = await run(update, ctx, {
      checkpoint: state.checkpoint, reference: state.reference, step, seed: config.seed, rollout: rolled.key, reward: scored.key, loss: config.loss,
      groupSize: config.groupSize, maxTokens: config.maxTokens, maxPromptTokens: config.maxPromptTokens, microBatches: config.microBatches,
      hyperparameters: state.hyperparameters, schedule: state.schedule, threads: config.threads,
    });
    state = { ...state, checkpoint: updated.checkpoint };
    ends.push(performance.now());
    work.push(performance.now() - started);
  }
  return { stepMs: intervals(ends), workMs: work.slice(WARMUP) };
}

function row(label: string, m: Measured): string {
  const f = (x: number) => x.toFixed(1);
  return `| ${label} | ${f(percentile(m.stepMs, 50))} | ${f(percentile(m.stepMs, 95))} | ${f(percentile(m.workMs, 50))} | ${m.queueMs ? f(percentile(m.queueMs, 50)) : '-'} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'drl-bench-orch-'));
  // Durable and plain runs use different seeds, so no run finds another's committed outputs in the shared store.
  const store = openStore(join(dir, 'store'));
  const env = await startDevEnvironment({ store, dbFile: join(dir, 'temporal.db'), ui: false });
  const connection = await Connection.connect({ address: env.server.address });
  try {
    const client = new Client({ connection });
    const lines = ['| run | step p50 (ms) | step p95 (ms) | inside activities p50 (ms) | scheduled to started p50 (ms) |', '| --- | --- | --- | --- | --- |'];
    const summary: string[] = [];
    for (const [kind, steps] of [['trivial', trivialSteps], ['real', realSteps]] as const) {
      const durable = await durableRun(client, configOf(kind, 1, steps), `bench-orchestration-${kind}`);
      const plain = await plainRun(store, configOf(kind, 2, steps), durable.datasetId);
      lines.push(row(`${kind}, trainingRun workflow`, durable), row(`${kind}, plain loop`, plain));
      const [d50, p50, d95, p95] = [percentile(durable.stepMs, 50), percentile(plain.stepMs, 50), percentile(durable.stepMs, 95), percentile(plain.stepMs, 95)];
      summary.push(
        `${kind} (${steps} steps measured after ${WARMUP} warm-up): overhead p50 ${(d50 - p50).toFixed(1)} ms, p95 ${(d95 - p95).toFixed(1)} ms per step; ` +
          `durable/plain time p50 ${(d50 / p50).toFixed(2)}, p95 ${(d95 / p95).toFixed(2)}`,
      );
    }
    console.log(lines.join('\n'));
    console.log(summary.join('\n'));
  } finally {
    await connection.close();
    await env.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
