import { Client, Connection } from '@temporalio/client';
import { openStore } from '../store/openStore';
import { startDevEnvironment, type DevEnvironment } from '../workers/devEnvironment';
import { readDevState } from '../workers/devState';
import { taskQueues, type QueueKind } from '../core/taskQueues';
import { configuredTemporal, localTemporal, type TemporalTarget } from '../workers/temporalConnection';
import { waitForTemporal } from '../workers/waitForTemporal';

export interface TemporalSession {
  client: Client;
  target: TemporalTarget;
  /** Set when this command started its own dev server and workers. */
  embedded?: DevEnvironment;
  /** The Temporal Web UI of the server, when there is one (a `drl dev`, or an embedded server started with ui). */
  uiUrl?: string;
  close(): Promise<void>;
}

/**
 * Connects the way ../shared/CLI.md says: TEMPORAL_ADDRESS when set; otherwise the server of a running `drl dev`;
 * otherwise an embedded dev server and workers for this command's duration (history kept in .drl/temporal.db).
 */
export async function openTemporalSession(options: { embedWorkers: boolean; ui?: boolean; log: (line: string) => void }): Promise<TemporalSession> {
  const dev = configuredTemporal() ? undefined : readDevState();
  let target = configuredTemporal() ?? (await runningDevServer());
  let embedded: DevEnvironment | undefined;
  if (!target) {
    if (!options.embedWorkers) throw new Error('no Temporal server: start `drl dev`, or set TEMPORAL_ADDRESS');
    options.log('starting an embedded Temporal dev server and workers for this command');
    embedded = await startDevEnvironment({ store: openStore(), ui: !!options.ui, log: options.log });
    target = embedded.target;
  }
  const connection = await Connection.connect(target.connectionOptions as Parameters<typeof Connection.connect>[0]);
  const client = new Client({ connection, namespace: target.namespace });
  return {
    client,
    target,
    embedded,
    uiUrl: embedded ? embedded.server.uiUrl : target.address === dev?.address ? dev?.uiUrl : undefined,
    async close() {
      await connection.close();
      await embedded?.shutdown();
    },
  };
}

/** The server of a running `drl dev` (recorded in .drl/dev.json), when it answers. */
export async function runningDevServer(): Promise<TemporalTarget | undefined> {
  const state = readDevState();
  if (!state) return undefined;
  try {
    await waitForTemporal(state.address, 'default', 2_000);
    return localTemporal(state.address);
  } catch {
    return undefined;
  }
}

/** Fails within seconds, naming the queue, when no worker polls a task queue the command needs. */
export async function requirePollers(session: TemporalSession, queues: QueueKind[], waitMs = 5_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (const queue of queues) {
    for (;;) {
      const response = await session.client.workflowService.describeTaskQueue({
        namespace: session.target.namespace,
        taskQueue: { name: taskQueues[queue] },
        taskQueueType: queue === 'cpu' ? 1 : 2,
      });
      if ((response.pollers ?? []).length > 0) break;
      if (Date.now() > deadline) {
        throw new Error(
          `no worker polls task queue ${taskQueues[queue]} on ${session.target.address}: ` +
            `start one with \`drl worker --queue ${queue}\` (or run \`drl dev\`)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
