import type { Command } from 'commander';
import type { Duration } from '@temporalio/common';
import { InputError } from '../../core/errors';
import { openStore } from '../../store/openStore';
import { createDrlWorker } from '../../workers/createWorker';
import { readDevState } from '../../workers/devState';
import { taskQueues, type QueueKind } from '../../core/taskQueues';
import { configuredTemporal, localTemporal } from '../../workers/temporalConnection';
import { closeActivityResources } from '../../activities';
import { logLine } from '../output';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run one worker process for the cpu queue (workflows, data, rewards) or the gpu queue (policy init, rollout, update, evaluate)')
    .requiredOption('--queue <queue>', 'cpu or gpu')
    .option('--task-queue <name>', 'task queue name (default drl-cpu or drl-gpu)')
    .option('--grace <duration>', 'how long the activity in flight may finish after SIGTERM', '30s')
    .addHelpText('after', '\nExample:\n  TEMPORAL_ADDRESS=temporal.example:7233 drl worker --queue gpu')
    .action(async (options: { queue: string; taskQueue?: string; grace: string }) => {
      if (!(options.queue in taskQueues)) throw new InputError(`--queue must be cpu or gpu, got "${options.queue}"`);
      const queue = options.queue as QueueKind;
      const dev = readDevState();
      const target = configuredTemporal() ?? (dev && localTemporal(dev.address));
      if (!target) throw new InputError('no Temporal server: set TEMPORAL_ADDRESS or start `drl dev`');
      const { worker, connection } = await createDrlWorker({
        queue,
        taskQueue: options.taskQueue,
        target,
        store: openStore(),
        shutdownGraceTime: options.grace as Duration,
      });
      logLine(`worker ${process.pid} polling ${options.taskQueue ?? taskQueues[queue]} on ${target.address}`);
      await worker.run();
      await connection.close();
      await closeActivityResources();
    });
}
