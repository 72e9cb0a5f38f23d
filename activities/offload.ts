import { join } from 'node:path';
import Piscina from 'piscina';
import type * as tasks from './offloadTasks';
import type { TaskResult } from './offloadTasks';

type Tasks = typeof tasks;
type TaskName = { [K in keyof Tasks]: Tasks[K] extends (input: never) => Promise<TaskResult<unknown>> ? K : never }[keyof Tasks];
type TaskInput<K extends TaskName> = Parameters<Tasks[K]>[0];
type TaskOutput<K extends TaskName> = Awaited<ReturnType<Tasks[K]>> extends TaskResult<infer T> ? T : never;

let pool: Piscina | undefined;

/**
 * Threads for CPU-heavy activity work, so the worker's event loop stays free to heartbeat and to hear
 * cancellation. Threads live as long as the process: they keep parsed graphs and search indexes warm.
 */
function offloadPool(): Piscina {
  pool ??= new Piscina({
    filename: join(__dirname, 'offloadTasks.js'),
    minThreads: 1,
    maxThreads: Number(process.env.DRL_CPU_THREADS ?? 1),
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return pool;
}

/** Runs a named task from `offloadTasks` on a thread; rethrows its error with its original class name. */
export async function offload<K extends TaskName>(name: K, input: TaskInput<K>): Promise<TaskOutput<K>> {
  const result = (await offloadPool().run(input, { name })) as TaskResult<TaskOutput<K>>;
  if ('error' in result) {
    const error = new Error(result.error.message);
    error.name = result.error.name;
    throw error;
  }
  return result.ok;
}

export async function closeOffloadPool(): Promise<void> {
  await pool?.destroy();
  pool = undefined;
}
