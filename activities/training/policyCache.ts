import { canonicalJson } from '../../core/canonicalJson';
import { checkpointTokenizerOf, tokenizerRefOf, type CheckpointTokenizer } from '../../engine/io';
import type { ModelConfig } from '../../engine/model';
import { PolicyState } from '../../engine/train';
import type { ArtifactStore } from '../../store/artifactStore';
import { readCheckpoint, readCheckpointManifest } from '../../training/checkpointStore';

/**
 * The GPU worker keeps the policies it used last in memory, keyed by checkpoint id, and reloads from the store on a
 * miss (another worker ran the previous step, or this one restarted). An update takes its state out of the cache
 * and trains it in place; only a finished update puts the result back, so a failed attempt can never leave a
 * half-updated state under the old id.
 */
export class PolicyCache {
  private readonly states = new Map<string, PolicyState>();
  /** By the tokenizer files (all checkpoints of a run share them), so a step's new checkpoint reads no tokenizer. */
  private readonly tokenizers = new Map<string, Promise<CheckpointTokenizer>>();

  constructor(
    private readonly store: ArtifactStore,
    private readonly capacity = 3,
  ) {}

  /** Weights to sample or score with (read only). */
  async weights(id: string): Promise<{ config: ModelConfig; weights: Map<string, Float32Array> }> {
    const state = await this.peek(id);
    return { config: state.config, weights: state.weights };
  }

  /** The state of checkpoint `id`, owned by the caller (the cache forgets it). */
  async take(id: string): Promise<PolicyState> {
    const state = await this.peek(id);
    this.states.delete(id);
    // The reference model of a KL term may be the same checkpoint, so the caller trains a copy.
    return PolicyState.restore(state.config, state.weights, new Map([...state.moments()].map(([name, t]) => [name, t.data])), state.step);
  }

  /** The tokenizer, chat template and stop tokens of checkpoint `id` (engine/io checkpointTokenizerOf). */
  async tokenizer(id: string): Promise<CheckpointTokenizer> {
    const manifest = await readCheckpointManifest(this.store, id);
    const key = canonicalJson({ tokenizer: tokenizerRefOf(manifest), files: manifest.huggingface ?? null });
    let tokenizer = this.tokenizers.get(key);
    if (!tokenizer) {
      tokenizer = checkpointTokenizerOf(this.store, manifest, `checkpoint ${id}`);
      this.tokenizers.set(key, tokenizer);
      tokenizer.catch(() => this.tokenizers.delete(key));
    }
    return tokenizer;
  }

  put(id: string, state: PolicyState): void {
    this.states.delete(id);
    this.states.set(id, state);
    while (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value as string);
  }

  private async peek(id: string): Promise<PolicyState> {
    const cached = this.states.get(id);
    if (cached) return cached;
    const checkpoint = await readCheckpoint(this.store, id);
    const step = Number((checkpoint.optimizer?.state as { step?: number } | undefined)?.step ?? 0);
    // A checkpoint of weights alone (an imported base model) starts its optimisation from zeroed moments.
    const state = checkpoint.optimizer
      ? PolicyState.restore(checkpoint.model, asFloat32(checkpoint.weights), asFloat32(checkpoint.optimizerTensors), step)
      : PolicyState.fromWeights(checkpoint.model, asFloat32(checkpoint.weights));
    this.put(id, state);
    return state;
  }
}

function asFloat32(tensors: Map<string, Float32Array | Float64Array>): Map<string, Float32Array> {
  return new Map([...tensors].map(([name, data]) => [name, data.BYTES_PER_ELEMENT === 4 ? (data as Float32Array) : Float32Array.from(data)]));
}
