import { hashOf } from '../core/hash';
import type { ArtifactStore } from '../store/artifactStore';

/**
 * The key of an activity's output: a hash of its canonical input, so a retry finds the output its earlier attempt
 * committed, and a changed input (a new hyperparameter, another checkpoint) gets a new key.
 */
export function outputKey(activity: string, input: unknown): string {
  return `outputs/${activity}/${hashOf({ activity, input })}`;
}

/**
 * Exactly-once: returns the committed output for this input, or computes and commits it with a create-only write.
 * A second attempt that computes different bytes for the same key fails with a DeterminismError instead of
 * overwriting what an earlier attempt reported.
 */
export async function committedOutput<T>(store: ArtifactStore, activity: string, input: unknown, compute: (key: string) => Promise<T>): Promise<T> {
  const key = outputKey(activity, input);
  const committed = await store.getManifest<T>(`${key}.json`);
  if (committed !== undefined) return committed;
  const value = await compute(key);
  await store.putManifest(`${key}.json`, value);
  return value;
}
