/**
 * Walking and pruning a run's checkpoint chain. Every checkpoint names its parent; retention (`drl gc`) replaces a
 * pruned checkpoint's manifest by a tombstone that keeps its step and parent, so the chain stays verifiable after
 * its weights are gone.
 */
import { IntegrityError } from '../core/errors';
import { getTensors, type CheckpointManifest } from '../engine/io/checkpoint';
import type { ArtifactStore } from '../store/artifactStore';
import { blobKey } from '../store/keys';
import { checkpointKey, readCheckpointManifest } from './checkpointStore';

export interface ChainLink {
  id: string;
  step: number;
  parent: string | null;
  state: 'ok' | 'retired' | 'corrupt' | 'missing';
  problem?: string;
}

interface Tombstone {
  id: string;
  step: number;
  parent: string | null;
}

const tombstoneKey = (id: string) => `checkpoints/retired/${id}.json`;

/**
 * Checks every checkpoint from `head` back to the first: each manifest hashes to its id, each tensor blob to its
 * hash, and each parent is exactly one step earlier. Stops at the first link that is missing or corrupt.
 */
export async function verifyChain(store: ArtifactStore, head: string): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  let next: string | null = head;
  while (next !== null) {
    const id: string = next;
    let link: ChainLink;
    const manifest = await readCheckpointManifest(store, id).catch((err: Error) => err);
    if (manifest instanceof Error) {
      const tombstone = await store.getManifest<Tombstone>(tombstoneKey(id)).catch(() => undefined);
      link = tombstone
        ? { id, step: tombstone.step, parent: tombstone.parent, state: 'retired' }
        : { id, step: -1, parent: null, state: manifest instanceof IntegrityError ? 'corrupt' : 'missing', problem: manifest.message };
    } else {
      link = { id: manifest.id, step: manifest.step, parent: manifest.parent, state: 'ok' };
      await getTensors(store, [...manifest.tensors, ...(manifest.optimizer?.tensors ?? [])]).catch((err: Error) => {
        link = { ...link, state: 'corrupt', problem: err.message };
      });
    }
    const child = links[links.length - 1];
    // A run's step-0 checkpoint may start from any stored policy (another run's, an imported one): its parent's step
    // is that policy's own.
    if (child && child.step > 0 && link.step >= 0 && link.step !== child.step - 1) {
      link = { ...link, state: 'corrupt', problem: `step ${link.step}, but its child ${child.id.slice(0, 12)} is at step ${child.step}` };
    }
    links.push(link);
    if (link.state === 'corrupt' || link.state === 'missing') break;
    next = link.parent;
  }
  return links;
}

export interface RetentionPolicy {
  keepLast: number;
  keepEvery: number;
}

/** Which of a run's checkpoints retention keeps: the newest ones, every keepEvery-th step, the pinned, the first. */
export function retained(checkpoints: ReadonlyArray<{ id: string; step: number }>, policy: RetentionPolicy, pinned: readonly string[]): Set<string> {
  const byStep = [...checkpoints].sort((a, b) => a.step - b.step);
  const keep = new Set(pinned);
  // The first checkpoint is the KL reference of every step, so it is never pruned.
  if (byStep[0]) keep.add(byStep[0].id);
  for (const c of byStep.slice(-policy.keepLast)) keep.add(c.id);
  if (policy.keepEvery > 0) for (const c of byStep) if (c.step % policy.keepEvery === 0) keep.add(c.id);
  return keep;
}

/**
 * Retires the checkpoints not kept: a tombstone first, then the manifest, then the blobs no remaining checkpoint in
 * the store refers to. Returns what was (or, with dryRun, would be) retired and the bytes freed.
 */
export async function pruneCheckpoints(store: ArtifactStore, retire: ReadonlyArray<{ id: string }>, dryRun: boolean): Promise<{ retired: string[]; blobsDeleted: number; bytesFreed: number }> {
  const doomed = new Map<string, CheckpointManifest>();
  for (const { id } of retire) {
    const manifest = await store.getManifest<CheckpointManifest>(checkpointKey(id));
    if (manifest) doomed.set(id, manifest);
  }
  const stillUsed = new Set<string>();
  for (const key of await store.list('checkpoints/')) {
    const id = /^checkpoints\/([0-9a-f]{64})\.json$/.exec(key)?.[1];
    if (!id || doomed.has(id)) continue;
    const manifest = await store.getManifest<CheckpointManifest>(key);
    for (const t of [...(manifest?.tensors ?? []), ...(manifest?.optimizer?.tensors ?? [])]) stillUsed.add(t.blob.sha256);
  }
  const freed = new Map<string, number>();
  for (const manifest of doomed.values()) {
    for (const t of [...manifest.tensors, ...(manifest.optimizer?.tensors ?? [])]) if (!stillUsed.has(t.blob.sha256)) freed.set(t.blob.sha256, t.blob.bytes);
  }
  if (!dryRun) {
    for (const [id, manifest] of doomed) {
      await store.putManifest(tombstoneKey(id), { id, step: manifest.step, parent: manifest.parent } satisfies Tombstone);
      await store.delete(checkpointKey(id));
    }
    for (const sha256 of freed.keys()) await store.delete(blobKey(sha256));
  }
  return { retired: [...doomed.keys()], blobsDeleted: freed.size, bytesFreed: [...freed.values()].reduce((a, b) => a + b, 0) };
}
