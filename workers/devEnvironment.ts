import { join } from 'node:path';
import type { ArtifactStore } from '../store/artifactStore';
import { closeActivityResources } from '../activities';
import { createDrlWorker, hasWork } from './createWorker';
import { startDevServer, type DevServer } from './devServer';
import { localTemporal, type TemporalTarget } from './temporalConnection';
import type { QueueKind } from '../core/taskQueues';

export interface DevEnvironment {
  server: DevServer;
  target: TemporalTarget;
  /** Resolves when every worker has stopped (after `shutdown`, or on a fatal worker error). */
  running: Promise<void>;
  shutdown(): Promise<void>;
}

/** The real Temporal dev server plus a worker for every queue, all in this process: `drl dev` and embedded verbs. */
export async function startDevEnvironment(options: {
  store: ArtifactStore;
  dbFile?: string;
  port?: number;
  uiPort?: number;
  ui?: boolean;
  log?: (line: string) => void;
}): Promise<DevEnvironment> {
  const server = await startDevServer({
    dbFile: options.dbFile ?? join(process.cwd(), '.drl', 'temporal.db'),
    port: options.port,
    uiPort: options.uiPort,
    ui: options.ui,
    log: options.log,
  });
  const target = localTemporal(server.address);
  const queues = (['cpu', 'gpu'] as QueueKind[]).filter((queue) => hasWork(queue, options.store));
  const workers = await Promise.all(queues.map((queue) => createDrlWorker({ queue, target, store: options.store }))).catch(
    async (err: unknown) => {
      await server.stop();
      throw err;
    },
  );
  const running = Promise.all(workers.map(({ worker }) => worker.run())).then(() => undefined);
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      for (const { worker } of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await Promise.all(workers.map(({ connection }) => connection.close()));
      await closeActivityResources();
      await server.stop();
    })());
  return { server, target, running, shutdown };
}
