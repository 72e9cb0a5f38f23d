import type { Duration } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ArtifactStore } from '../store/artifactStore';
import { taskQueues, type QueueKind } from './taskQueues';
import type { TemporalTarget } from './temporalConnection';

export interface DrlWorkerOptions {
  queue: QueueKind;
  /** Overrides the queue's default name (drl-cpu, drl-gpu), e.g. to keep two deployments apart in one namespace. */
  taskQueue?: string;
  target: TemporalTarget;
  store: ArtifactStore;
  /** How long a running activity may keep going after SIGTERM/SIGINT before it is cancelled. */
  shutdownGraceTime?: Duration;
  identity?: string;
}

/**
 * A worker for one task queue. The CPU queue also hosts the workflows, which are deterministic and cheap;
 * the GPU queue runs one activity at a time because each holds the device.
 */
export async function createDrlWorker(options: DrlWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect(options.target.connectionOptions);
  const activities = createActivities(options.store)[options.queue];
  const worker = await Worker.create({
    connection,
    namespace: options.target.namespace,
    taskQueue: options.taskQueue ?? taskQueues[options.queue],
    identity: options.identity,
    activities,
    ...(options.queue === 'cpu' ? { workflowsPath: require.resolve('../workflows') } : {}),
    maxConcurrentActivityTaskExecutions: options.queue === 'gpu' ? 1 : 2,
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
  });
  return { worker, connection };
}
