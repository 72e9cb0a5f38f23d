import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { ByteTokenizer } from '../tokenizer';
import type { BlobStore, CheckpointContents, CheckpointManifest } from './checkpoint';
import { huggingFaceConfigFor } from './huggingfaceConfig';
import { huggingFaceFilesOf } from './huggingfaceTokenizerFiles';
import { huggingFaceWeightFiles, weightsToHuggingFace } from './huggingfaceWeights';

/** transformers' own default shard size for save_pretrained. */
export const DEFAULT_MAX_SHARD_BYTES = 5 * 1024 ** 3;

/**
 * Writes a checkpoint as a transformers model folder: config.json, float32 safetensors (sharded above
 * `maxShardBytes`), and, for an imported checkpoint, its tokenizer files byte for byte. The folder must be new or
 * empty: an export never overwrites. Returns the names of the files written.
 */
export async function exportHuggingFace(
  store: BlobStore,
  checkpoint: CheckpointManifest & CheckpointContents,
  dir: string,
  options: { maxShardBytes?: number } = {},
): Promise<string[]> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new InputError(`${dir} is not empty; export writes into a new or empty folder`);
  const kept = await huggingFaceFilesOf(store, checkpoint);
  const imported = kept.get('config.json');
  // A model that was never a Hugging Face one has special token ids only if it speaks the byte tokenizer.
  const bytes = new ByteTokenizer();
  const tokens = checkpoint.model.vocabSize === bytes.vocabSize ? bytes : { bos: null, eos: null, pad: null };
  const config = huggingFaceConfigFor(checkpoint.model, imported && (JSON.parse(new TextDecoder().decode(imported)) as Record<string, unknown>), tokens);
  const out = new Map<string, Uint8Array>([['config.json', new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`)]]);
  for (const [name, bytes] of kept) if (name !== 'config.json') out.set(name, bytes);
  const weights = huggingFaceWeightFiles(weightsToHuggingFace(checkpoint.model, checkpoint.weights), options.maxShardBytes ?? DEFAULT_MAX_SHARD_BYTES);
  for (const [name, bytes] of weights) out.set(name, bytes);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of out) writeFileSync(join(dir, name), bytes, { flag: 'wx' });
  return [...out.keys()].sort();
}
