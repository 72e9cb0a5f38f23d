import { NamedSize, parameterSpecs } from '../../engine/model';
import { saveCheckpoint } from '../../engine/io';
import { runSft } from '../../engine/train';
import type { ArtifactStore } from '../../store/artifactStore';
import { commitCheckpoint } from '../../training/checkpointStore';

/**
 * Trains a fresh byte-level model on prompt/completion text with runSft (the core of `drl engine sft`) and commits
 * it as training runs do (`checkpoints/<id>.json`), so a test has a checkpoint that answers something predictable.
 */
export async function saveSftCheckpoint(
  store: ArtifactStore,
  o: { data: ReadonlyArray<{ prompt: string; completion: string }>; steps: number; batch: number; lr: number; seed: number; size?: NamedSize },
): Promise<{ id: string; losses: number[] }> {
  const { losses, state } = await runSft({ data: o.data, size: o.size ?? 'tiny', steps: o.steps, lr: o.lr, batch: o.batch, seed: o.seed, threads: 1 });
  const weights = new Map(parameterSpecs(state.config).map((s) => [s.name, { shape: s.shape, data: state.weights.get(s.name)! }]));
  const manifest = await saveCheckpoint(
    store,
    {
      step: state.step,
      parent: null,
      model: state.config,
      rng: { seed: o.seed },
      scheduler: { kind: 'constant', lr: o.lr },
      producedBy: { commit: 'test', lockfileHash: 'test', ortVersion: 'test', threads: 1 },
      optimizer: null,
    },
    weights,
  );
  return { id: await commitCheckpoint(store, manifest), losses };
}
