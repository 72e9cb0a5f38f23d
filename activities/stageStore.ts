import { Context } from '@temporalio/activity';
import type { ArtifactStore, BlobRef } from '../store/artifactStore';

export interface StageManifest {
  stage: string;
  datasetId: string;
  chunks: BlobRef[];
  /** Stage-specific totals (counts, yield), small enough to cross Temporal. */
  summary: Record<string, unknown>;
}

/** What a stage activity returns: the committed manifest, and where this attempt started (visible in the history). */
export interface StageResult {
  manifest: BlobRef;
  key: string;
  summary: Record<string, unknown>;
  resumedFromChunk: number;
  attempt: number;
}

export interface ChunkedStage {
  store: ArtifactStore;
  datasetId: string;
  stage: string;
  chunkCount: number;
  /** Computes chunk `index` (off the event loop); must depend only on its inputs and the index. */
  computeChunk(index: number): Promise<Uint8Array>;
  summarise(chunks: BlobRef[]): Promise<Record<string, unknown>>;
}

interface StageProgress {
  nextChunk: number;
  chunkCount: number;
}

/**
 * Runs a stage chunk by chunk. Each chunk is committed to the store before the heartbeat that reports it, so a
 * retry resumes at the heartbeat's `nextChunk` and reads the earlier chunks back; a stage already committed is
 * returned as it is. Chunks depend only on their index, so a resumed stage produces the same bytes.
 */
export async function runChunkedStage(stage: ChunkedStage): Promise<StageResult> {
  const ctx = Context.current();
  const key = `datasets/${stage.datasetId}/stages/${stage.stage}.json`;
  const attempt = ctx.info.attempt;
  const committed = await stage.store.getManifest<StageManifest>(key);
  if (committed) {
    const ref = await stage.store.putManifest(key, committed);
    return { manifest: ref, key, summary: committed.summary, resumedFromChunk: stage.chunkCount, attempt };
  }
  const progress = ctx.info.heartbeatDetails as StageProgress | undefined;
  const resumedFromChunk = progress?.chunkCount === stage.chunkCount ? progress.nextChunk : 0;
  const chunks: BlobRef[] = [];
  for (let index = 0; index < stage.chunkCount; index++) {
    const chunkKey = `datasets/${stage.datasetId}/stages/${stage.stage}/chunk-${String(index).padStart(5, '0')}.json`;
    let chunk = index < resumedFromChunk ? await stage.store.getManifest<BlobRef>(chunkKey) : undefined;
    if (!chunk) {
      // The chunk computes on a thread, so this loop stays free to tell the server the worker is alive even when
      // one chunk takes longer than the heartbeat timeout.
      const alive = setInterval(() => ctx.heartbeat({ nextChunk: index, chunkCount: stage.chunkCount } satisfies StageProgress), 2_000);
      try {
        chunk = await stage.store.putBlob(await stage.computeChunk(index));
      } finally {
        clearInterval(alive);
      }
      await stage.store.putManifest(chunkKey, chunk);
    }
    chunks.push(chunk);
    ctx.heartbeat({ nextChunk: index + 1, chunkCount: stage.chunkCount } satisfies StageProgress);
    if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
  }
  const summary = await stage.summarise(chunks);
  const manifest: StageManifest = { stage: stage.stage, datasetId: stage.datasetId, chunks, summary };
  const ref = await stage.store.putManifest(key, manifest);
  return { manifest: ref, key, summary, resumedFromChunk, attempt };
}
