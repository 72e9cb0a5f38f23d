import { chunkedKeys, runChunked, type ChunkedResult } from './chunkedWork';
import type { ArtifactStore, BlobRef } from '../store/artifactStore';

export interface StageManifest {
  stage: string;
  datasetId: string;
  chunks: BlobRef[];
  /** Stage-specific totals (counts, yield), small enough to cross Temporal. */
  summary: Record<string, unknown>;
}

/** What a stage activity returns: the committed manifest, and where this attempt started (visible in the history). */
export type StageResult = ChunkedResult<Record<string, unknown>>;

export interface ChunkedStage {
  store: ArtifactStore;
  datasetId: string;
  stage: string;
  chunkCount: number;
  /** Computes chunk `index` (off the event loop); must depend only on its inputs and the index. */
  computeChunk(index: number): Promise<Uint8Array>;
  summarise(chunks: BlobRef[]): Promise<Record<string, unknown>>;
}

/**
 * A dataset stage as chunked work under `datasets/<id>/stages/`: one manifest per stage, one ref per chunk.
 */
export async function runChunkedStage(stage: ChunkedStage): Promise<StageResult> {
  const prefix = `datasets/${stage.datasetId}/stages/${stage.stage}`;
  return runChunked(
    {
      store: stage.store,
      ...chunkedKeys(prefix),
      chunkCount: stage.chunkCount,
      computeChunk: stage.computeChunk,
      summarise: stage.summarise,
    },
    { stage: stage.stage, datasetId: stage.datasetId },
  );
}
