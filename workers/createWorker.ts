import type { Duration } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hostname } from 'node:os';
import { createActivities } from '../activities';
import { InputError } from '../core/errors';
import type { ArtifactStore } from '../store/artifactStore';
import { taskQueues, type QueueKind } from '../core/taskQueues';
import { requireSearchAttributes } from './searchAttributeSetup';
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

/** Whether a queue has workflows or activities to run. */
export function hasWork(queue: QueueKind, store: ArtifactStore): boolean {
  return queue === 'cpu' || Object.keys(createActivities(store)[queue]).length > 0;
}

/**
 * A worker for one task queue. The CPU queue also hosts the workflows, which are deterministic and cheap;
 * the GPU queue runs one activity at a time because each holds the device. Refuses (InputError) a namespace that
 * lacks drl's search attributes, before anything polls.
 */
export async function createDrlWorker(options: DrlWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  if (!hasWork(options.queue, options.store)) throw new InputError(`the ${options.queue} queue has no activities in this version`);
  const connection = await NativeConnection.connect(options.target.connectionOptions);
  try {
    await requireSearchAttributes(connection, options.target);
  } catch (err) {
    await connection.close();
    throw err;
  }
  const activities = createActivities(options.store)[options.queue];
  const worker = await Worker.create({
    connection,
    namespace: options.target.namespace,
    taskQueue: options.taskQueue ?? taskQueues[options.queue],
    // The identity names the queue, host and process in the history, so an audit can tell which worker ran what.
    identity: options.identity ?? `drl-${options.queue}@${hostname()}:${process.pid}`,
    activities,
    ...(options.queue === 'cpu' ? { workflowsPath: require.resolve('../workflows') } : {}),
    maxConcurrentActivityTaskExecutions: options.queue === 'gpu' ? 1 : 2,
    shutdownGraceTime: options.shutdownGraceTime ?? '30s',
  });
  return { worker, connection };
}
