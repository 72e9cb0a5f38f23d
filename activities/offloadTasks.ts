/**
 * The thread side of `offload`: each export is a task. Errors come back as data because structured clone keeps
 * only the built-in error classes, and the class name decides whether Temporal retries.
 */
import { recipeNamed, type RecipeConfig } from '../datasets/datasetRecipes';

export type TaskResult<T> = { ok: T } | { error: { name: string; message: string } };

async function settle<T>(work: () => T | Promise<T>): Promise<TaskResult<T>> {
  try {
    return { ok: await work() };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { error: { name: error.name, message: error.message } };
  }
}

/** Chunk `index` of a dataset stage, for whichever recipe `config.recipe` names. */
export function datasetChunk(input: { stage: string; config: RecipeConfig; index: number; inputs: Uint8Array[] }): Promise<TaskResult<Uint8Array>> {
  return settle(() => recipeNamed(input.config.recipe).computeChunk(input));
}
