import { Client, Connection } from '@temporalio/client';
import { google } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../activities';
import type { ArtifactStore } from '../../store/artifactStore';
import { openStore } from '../../store/openStore';
import type { QueueKind } from '../../core/taskQueues';
import { requireSearchAttributes } from '../../workers/searchAttributeSetup';
import { testServers } from '../setup/testServers';

// Relative to the compiled tree this file runs from, so any build folder tests its own CLI.
export const drlBin = join(__dirname, '..', '..', 'cli', 'main.js');

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `drl-${label}-`));
}

export function tempStore(label = 'store'): { dir: string; store: ArtifactStore } {
  const dir = tempDir(label);
  return { dir, store: openStore(dir) };
}

export async function testClient(address = testServers.get().temporalAddress): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/**
 * A namespace of its own on the test server, registered now, so it lacks drl's search attributes as a new cluster's
 * namespace does (globalSetup registers them on `default` only).
 */
export async function freshNamespace(label: string, address = testServers.get().temporalAddress): Promise<string> {
  const namespace = `test-${label}-${process.pid}-${Date.now().toString(36)}`;
  const connection = await Connection.connect({ address });
  try {
    const oneDay = google.protobuf.Duration.fromObject({ seconds: 86_400 });
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: oneDay });
  } finally {
    await connection.close();
  }
  return namespace;
}

/** A task queue of its own per test, so concurrently running test files never take each other's tasks. */
export function uniqueQueue(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** An in-process worker for `kind`'s activities (and the workflows) on `taskQueue`; it checks the search attributes as `drl worker` does. */
export async function startTestWorker(store: ArtifactStore, taskQueue: string, kind: QueueKind = 'cpu', address = testServers.get().temporalAddress) {
  const connection = await NativeConnection.connect({ address });
  await requireSearchAttributes(connection, { address, namespace: 'default' });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities(store)[kind],
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** A `drl worker` process, as a user runs it, that a test can kill -9. */
export function spawnWorkerProcess(kind: QueueKind, taskQueue: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [drlBin, 'worker', '--queue', kind, '--task-queue', taskQueue], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}
