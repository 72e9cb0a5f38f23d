import { saveCheckpoint, type HuggingFaceFiles } from '../../engine/io/checkpoint';
import type { PolicyState } from '../../engine/train';
import type { ArtifactStore } from '../../store/artifactStore';
import { commitCheckpoint } from '../../training/checkpointStore';
import type { Hyperparameters } from '../../training/hyperparameters';
import { provenance } from '../../training/provenance';

/** What a checkpoint carries besides weights and moments, so a run restarted from it continues exactly. */
export interface RunCheckpointState {
  /** The run step this checkpoint ends (0: before any update). */
  step: number;
  parent: string | null;
  seed: number | string;
  hyperparameters: Hyperparameters;
  /** The KL reference policy; null when this checkpoint is itself the run's initial policy. */
  reference: string | null;
  /** The method's schedule state (e.g. `{lang: ...}`, LANG's clocks), for a restart from this checkpoint. */
  schedule: Record<string, unknown>;
  threads: number;
  /** The tokenizer and config files of an imported model, carried from checkpoint to checkpoint of its run. */
  huggingface?: HuggingFaceFiles;
}

/** Saves a policy as a checkpoint manifest naming its parent and step, and returns its id (the manifest hash). */
export async function saveRunCheckpoint(store: ArtifactStore, state: PolicyState, run: RunCheckpointState): Promise<string> {
  const manifest = await saveCheckpoint(
    store,
    {
      step: run.step,
      parent: run.parent,
      model: state.config,
      rng: { seed: run.seed, step: run.step },
      scheduler: { hyperparameters: run.hyperparameters, reference: run.reference, schedule: run.schedule },
      producedBy: provenance(run.threads),
      optimizer: { kind: 'adamw', state: { step: state.step }, tensors: state.moments() },
      ...(run.huggingface ? { huggingface: run.huggingface } : {}),
    },
    state.namedWeights(),
  );
  return commitCheckpoint(store, manifest);
}
