import type { Client, WorkflowHandle } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { QueueKind } from '../../core/taskQueues';
import type { ArtifactStore } from '../../store/artifactStore';
import { readCheckpointManifest } from '../../training/checkpointStore';
import { trainingRun, type TrainingRunInput } from '../../workflows/trainingRun';
import { testServers } from '../setup/testServers';
import { spawnWorkerProcess, startTestWorker, tempStore, uniqueQueue } from './temporalTestKit';

/** A run that exercises every part of a step in a few seconds: a tiny model on a small English math dataset. */
export const fastRunConfig = {
  seed: 11,
  dataset: { builder: 'math', languages: ['en'], problemsPerLanguage: 40, maxSteps: 1, evalPerLanguage: 8, seed: 3, chunkSize: 20 },
  policy: { size: 'tiny' },
  steps: 4,
  promptsPerStep: 4,
  groupSize: 4,
  maxTokens: 12,
  maxPromptTokens: 192,
  rolloutChunkPrompts: 2,
  microBatches: 2,
  evaluation: { every: 2, problems: 4 },
  continueAsNewEvery: 3,
};

/** In-process CPU and GPU workers on queues of their own. */
export async function startRunWorkers(store: ArtifactStore, address?: string) {
  const cpuQueue = uniqueQueue('run-cpu');
  const gpuQueue = uniqueQueue('run-gpu');
  const cpu = await startTestWorker(store, cpuQueue, 'cpu', address);
  const gpu = await startTestWorker(store, gpuQueue, 'gpu', address);
  return {
    cpuQueue,
    gpuQueue,
    async stop() {
      await Promise.all([cpu.stop(), gpu.stop()]);
    },
  };
}

/** `drl worker` processes on queues of their own, sharing a new store, that a test can kill -9 and replace. */
export function processWorkers(label: string) {
  const { dir, store } = tempStore(label);
  const queues = { cpuQueue: uniqueQueue(`${label}-cpu`), gpuQueue: uniqueQueue(`${label}-gpu`) };
  const env = { TEMPORAL_ADDRESS: testServers.get().temporalAddress, DRL_STORE: dir };
  const spawnOf = (kind: QueueKind) => spawnWorkerProcess(kind, kind === 'cpu' ? queues.cpuQueue : queues.gpuQueue, env);
  const live: Record<QueueKind, ChildProcess> = { cpu: spawnOf('cpu'), gpu: spawnOf('gpu') };
  return {
    store,
    queues,
    async kill(kind: QueueKind) {
      live[kind].kill('SIGKILL');
      await once(live[kind], 'exit');
      live[kind] = spawnOf(kind);
    },
    async stop() {
      for (const child of Object.values(live)) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

export function startRun(client: Client, queues: { cpuQueue: string; gpuQueue: string }, input: Omit<TrainingRunInput, 'gpuTaskQueue'>, workflowId = uniqueQueue('run')): Promise<WorkflowHandle<typeof trainingRun>> {
  return client.workflow.start(trainingRun, { taskQueue: queues.cpuQueue, workflowId, args: [{ ...input, gpuTaskQueue: queues.gpuQueue }] });
}

/** The checkpoints from `id` back to the run's first, each checked against its hash by the store. */
export async function checkpointChain(store: ArtifactStore, id: string): Promise<Array<{ id: string; step: number; parent: string | null }>> {
  const chain = [];
  for (let next: string | null = id; next !== null; ) {
    const manifest = await readCheckpointManifest(store, next);
    chain.push({ id: manifest.id, step: manifest.step, parent: manifest.parent });
    next = manifest.parent;
  }
  return chain;
}
