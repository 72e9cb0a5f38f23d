import { Context } from '@temporalio/activity';
import type { ArtifactStore, BlobRef } from '../store/artifactStore';

/** A unit of work cut into chunks, each a pure function of its index, committed one by one. */
export interface ChunkedWork<Summary> {
  store: ArtifactStore;
  /** Where the finished work's manifest is committed. */
  manifestKey: string;
  /** Where chunk i's ref is committed, so a retry can find the chunks done before its last heartbeat. */
  chunkKey(index: number): string;
  chunkCount: number;
  /** Computes chunk `index` without blocking the event loop; must depend only on its inputs and the index. */
  computeChunk(index: number): Promise<Uint8Array>;
  summarise(chunks: BlobRef[]): Promise<Summary>;
}

export interface ChunkedManifest<Summary> {
  chunks: BlobRef[];
  summary: Summary;
}

/** Where chunked work under an output key commits its manifest and its chunks. */
export function chunkedKeys(key: string): Pick<ChunkedWork<unknown>, 'manifestKey' | 'chunkKey'> {
  return { manifestKey: `${key}.json`, chunkKey: (index) => `${key}/chunk-${String(index).padStart(5, '0')}.json` };
}

/** Where a run of chunked work started (visible in the history). */
export interface ChunkedResult<Summary> {
  manifest: BlobRef;
  key: string;
  summary: Summary;
  resumedFromChunk: number;
  attempt: number;
}

interface ChunkProgress {
  nextChunk: number;
  chunkCount: number;
}

/**
 * Runs chunked work inside an activity. Each chunk is committed to the store before the heartbeat that reports it,
 * so a retry resumes at the heartbeat's `nextChunk` and reads the earlier chunks back; work already committed is
 * returned as it is. Chunks depend only on their index, so resumed work produces the same bytes.
 */
export async function runChunked<Summary>(work: ChunkedWork<Summary>, extra: Record<string, unknown> = {}): Promise<ChunkedResult<Summary>> {
  const ctx = Context.current();
  const attempt = ctx.info.attempt;
  const committed = await work.store.getManifest<ChunkedManifest<Summary>>(work.manifestKey);
  if (committed) {
    const ref = await work.store.putManifest(work.manifestKey, committed);
    return { manifest: ref, key: work.manifestKey, summary: committed.summary, resumedFromChunk: work.chunkCount, attempt };
  }
  const progress = ctx.info.heartbeatDetails as ChunkProgress | undefined;
  const resumedFromChunk = progress?.chunkCount === work.chunkCount ? progress.nextChunk : 0;
  const chunks: BlobRef[] = [];
  for (let index = 0; index < work.chunkCount; index++) {
    let chunk = index < resumedFromChunk ? await work.store.getManifest<BlobRef>(work.chunkKey(index)) : undefined;
    if (!chunk) {
      // The chunk computes off the event loop, so this loop stays free to tell the server the worker is alive even
      // when one chunk takes longer than the heartbeat timeout.
      const alive = setInterval(() => ctx.heartbeat({ nextChunk: index, chunkCount: work.chunkCount } satisfies ChunkProgress), 2_000);
      try {
        chunk = await work.store.putBlob(await work.computeChunk(index));
      } finally {
        clearInterval(alive);
      }
      await work.store.putManifest(work.chunkKey(index), chunk);
    }
    chunks.push(chunk);
    ctx.heartbeat({ nextChunk: index + 1, chunkCount: work.chunkCount } satisfies ChunkProgress);
    if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
  }
  const summary = await work.summarise(chunks);
  const ref = await work.store.putManifest(work.manifestKey, { ...extra, chunks, summary });
  return { manifest: ref, key: work.manifestKey, summary, resumedFromChunk, attempt };
}

/** The chunks of committed chunked work, in order. */
export async function readChunks(store: ArtifactStore, manifestKey: string): Promise<Uint8Array[]> {
  const manifest = await store.getManifest<ChunkedManifest<unknown>>(manifestKey);
  if (!manifest) throw new Error(`${manifestKey} has no committed manifest`);
  return Promise.all(manifest.chunks.map((chunk) => store.getBlob(chunk)));
}

/** The samples of chunks that each hold `{samples: [...]}` (rollouts, scored rollouts), in chunk order. */
export function samplesIn<T>(chunks: readonly Uint8Array[]): T[] {
  return chunks.flatMap((bytes) => (JSON.parse(Buffer.from(bytes).toString('utf8')) as { samples: T[] }).samples);
}

/** The samples of committed chunked work, in order. */
export async function readSamples<T>(store: ArtifactStore, manifestKey: string): Promise<T[]> {
  return samplesIn<T>(await readChunks(store, manifestKey));
}
