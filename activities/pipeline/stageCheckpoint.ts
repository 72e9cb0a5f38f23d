import { saveCheckpoint, type HuggingFaceFiles } from '../../engine/io/checkpoint';
import type { PolicyState } from '../../engine/train';
import type { ArtifactStore } from '../../store/artifactStore';
import { commitCheckpoint } from '../../training/checkpointStore';
import { provenance } from '../../training/provenance';
import type { StageBasics } from './stageOutput';
import type { StageStart } from './stagePolicy';

/** What a stage's checkpoint says of how it was made: the stage, its kind and its settings. */
export interface StageRecord {
  pipelineStage: string;
  kind: string;
  settings: Record<string, unknown>;
}

/**
 * Commits a stage's trained weights as a checkpoint naming its parent (the checkpoint the stage started from). The
 * optimizer moments stay behind: every later stage starts a new optimisation, with fresh moments.
 */
export async function saveStageCheckpoint(
  store: ArtifactStore,
  state: PolicyState,
  o: { parent: string | null; seed: number | string; threads: number; stage: StageRecord; huggingface?: HuggingFaceFiles },
): Promise<string> {
  const manifest = await saveCheckpoint(
    store,
    {
      step: state.step,
      parent: o.parent,
      model: state.config,
      rng: { seed: o.seed },
      scheduler: { stage: o.stage },
      producedBy: provenance(o.threads),
      optimizer: null,
      ...(o.huggingface ? { huggingface: o.huggingface } : {}),
    },
    state.namedWeights(),
  );
  return commitCheckpoint(store, manifest);
}

/** A pipeline stage's trained state, committed with the stage's name, kind and settings. */
export function commitStageOutput(store: ArtifactStore, start: StageStart, basics: StageBasics, kind: string, settings: Record<string, unknown>): Promise<string> {
  const { parent, huggingface } = start;
  return saveStageCheckpoint(store, start.state, { parent, seed: basics.seed, threads: basics.threads, stage: { pipelineStage: basics.stage, kind, settings }, ...(huggingface ? { huggingface } : {}) });
}
