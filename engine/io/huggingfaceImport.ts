import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { parameterSpecs } from '../model';
import type { HuggingFaceTokenizer } from '../tokenizer';
import { BlobRef, BlobStore, CheckpointManifest, HuggingFaceFiles, saveCheckpoint } from './checkpoint';
import { HuggingFaceArchitecture, modelConfigFromHuggingFace } from './huggingfaceConfig';
import { HUGGING_FACE_KEPT_FILES, tokenizerFromFiles } from './huggingfaceTokenizerFiles';
import { readHuggingFaceTensors, weightsFromHuggingFace } from './huggingfaceWeights';

export interface HuggingFaceImport {
  /** Validated, not yet committed (training/checkpointStore.ts commitCheckpoint does that). */
  manifest: CheckpointManifest;
  architecture: HuggingFaceArchitecture;
  tokenizer: HuggingFaceTokenizer;
  /** The safetensors files the weights came from. */
  weightFiles: string[];
}

/**
 * A step-0 checkpoint of a Llama, Qwen2 or Qwen3 model folder (config.json, safetensors, tokenizer.json and its config):
 * float32 weights in the engine's layout, the folder's config and tokenizer files kept as blobs. Everything is
 * checked before anything is stored, so a folder the engine cannot run leaves nothing behind but an InputError.
 */
export async function importHuggingFace(store: BlobStore, dir: string, producedBy: CheckpointManifest['producedBy']): Promise<HuggingFaceImport> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir} is not a folder`);
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath)) throw new InputError(`${dir}: config.json is missing`);
  const files = new Map<string, Uint8Array>();
  for (const name of HUGGING_FACE_KEPT_FILES) {
    const path = join(dir, name);
    if (existsSync(path)) files.set(name, readFileSync(path));
  }
  let configJson: unknown;
  try {
    configJson = JSON.parse(new TextDecoder().decode(files.get('config.json')));
  } catch (e) {
    throw new InputError(`${configPath}: not valid JSON: ${(e as Error).message}`);
  }
  const { model, architecture } = modelConfigFromHuggingFace(configJson, configPath);
  const tokenizer = tokenizerFromFiles(files, dir);
  if (tokenizer.vocabSize > model.vocabSize) {
    throw new InputError(`${dir}: tokenizer.json has ${tokenizer.vocabSize} tokens but config.json's vocab_size is ${model.vocabSize}`);
  }
  const { tensors, files: weightFiles } = readHuggingFaceTensors(dir);
  const weights = weightsFromHuggingFace(model, tensors, dir);
  const kept = await keepHuggingFaceFiles(store, files);
  const shapes = new Map(parameterSpecs(model).map((s) => [s.name, s.shape]));
  const manifest = await saveCheckpoint(
    store,
    { step: 0, parent: null, model, rng: {}, scheduler: {}, producedBy, optimizer: null, huggingface: kept },
    new Map([...weights].map(([name, data]) => [name, { shape: shapes.get(name) as number[], data }])),
  );
  return { manifest, architecture, tokenizer, weightFiles };
}

/** Stores a model folder's kept files (name -> bytes) as the `huggingface` section of a checkpoint manifest. */
export async function keepHuggingFaceFiles(store: BlobStore, files: ReadonlyMap<string, Uint8Array>): Promise<HuggingFaceFiles> {
  const kept: Record<string, BlobRef> = {};
  for (const [name, bytes] of files) {
    const stored = await store.putBlob(bytes);
    // Content addresses, as for tensors: the same folder gives the same manifest in any store.
    kept[name] = { uri: `sha256:${stored.sha256}`, sha256: stored.sha256, bytes: stored.bytes };
  }
  return { files: kept };
}
