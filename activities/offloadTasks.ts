/**
 * The thread side of `offload`: each export is a task. Errors come back as data because structured clone keeps
 * only the built-in error classes, and the class name decides whether Temporal retries.
 */
import { builderOf, type BuilderConfig } from '../datasets/datasetBuilders';

export type TaskResult<T> = { ok: T } | { error: { name: string; message: string } };

async function settle<T>(work: () => T | Promise<T>): Promise<TaskResult<T>> {
  try {
    return { ok: await work() };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { error: { name: error.name, message: error.message } };
  }
}

/** Chunk `index` of a dataset stage, for whichever builder `config.builder` names. */
export function datasetChunk(input: { stage: string; config: BuilderConfig; index: number; inputs: Uint8Array[] }): Promise<TaskResult<Uint8Array>> {
  return settle(() => {
    const { builder, config } = builderOf(input.config);
    return builder.computeChunk({ ...input, config });
  });
}
