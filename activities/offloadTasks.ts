/**
 * The thread side of `offload`: each export is a task. Errors come back as data because structured clone keeps
 * only the built-in error classes, and the class name decides whether Temporal retries.
 */
import { computeKgChunk, type KgChunkInput } from '../datasets/kgStages';

export type TaskResult<T> = { ok: T } | { error: { name: string; message: string } };

async function settle<T>(work: () => T | Promise<T>): Promise<TaskResult<T>> {
  try {
    return { ok: await work() };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { error: { name: error.name, message: error.message } };
  }
}

export function kgChunk(input: KgChunkInput): Promise<TaskResult<Uint8Array>> {
  return settle(() => computeKgChunk(input));
}
