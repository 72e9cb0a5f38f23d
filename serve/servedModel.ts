import { InputError } from '../core/errors';
import type { GraphRunner } from '../engine/infer';
import { checkpointTokenizerOf, loadCheckpoint } from '../engine/io';
import type { ArtifactStore } from '../store/artifactStore';
import { readCheckpointManifest } from '../training/checkpointStore';
import { resolveCheckpointRef } from './checkpointRef';
import type { ServedModel } from './generation';
import { tokenTextOf } from './tokenText';

/**
 * Loads the checkpoint `ref` names (see resolveCheckpointRef) for serving. A training checkpoint is checked against
 * its id (the manifest hash) first. Its tokenizer is its own (the byte tokenizer for a named size, an imported
 * model's tokenizer.json and chat template); float64 weights are served in float32, the dtype inference runs in.
 */
export async function loadServedModel(ref: string, runner: GraphRunner, defaultStore?: ArtifactStore): Promise<ServedModel> {
  const { store, key, id } = await resolveCheckpointRef(ref, defaultStore);
  const manifest = id !== key ? await readCheckpointManifest(store, id) : await store.getManifest(key);
  if (manifest === undefined) throw new InputError(`--checkpoint ${ref}: no checkpoint manifest at key ${JSON.stringify(key)} in ${store.location}`);
  const checkpoint = await loadCheckpoint(store, manifest);
  const { tokenizer, chatTemplate, stopTokens } = await checkpointTokenizerOf(store, checkpoint, `--checkpoint ${ref}`);
  const weights = new Map([...checkpoint.weights].map(([name, w]) => [name, w.BYTES_PER_ELEMENT === 4 ? w : Float32Array.from(w)]));
  return {
    id,
    aliases: new Set([id, key, ref]),
    created: Math.floor(Date.now() / 1000),
    model: { runner, config: checkpoint.model, weights, fixedWeights: true },
    tokenizer,
    ...(chatTemplate ? { chatTemplate } : {}),
    stopTokens,
    tokenText: tokenTextOf(tokenizer),
  };
}
