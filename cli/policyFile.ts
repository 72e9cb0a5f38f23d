/**
 * A run config may start from a safetensors file (`policy.file`): the file is on the machine that runs the command,
 * not necessarily on the workers, so the command imports it into the store as a checkpoint and the run starts from
 * that checkpoint's id instead.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import { readSafetensors, saveCheckpoint } from '../engine/io';
import { validateModelConfig, type ModelConfig } from '../engine/model';
import type { ArtifactStore } from '../store/artifactStore';
import { commitCheckpoint } from '../training/checkpointStore';
import { provenance } from '../training/provenance';
import type { RunConfig } from '../training/runConfig';

/**
 * The config with `policy.file` (relative to the config file's folder) replaced by the id of the imported checkpoint;
 * other configs unchanged.
 */
export async function importPolicyFile(config: RunConfig, store: ArtifactStore, configFile: string): Promise<RunConfig> {
  if (!('file' in config.policy)) return config;
  const { sha256 } = config.policy;
  const file = resolve(dirname(configFile), config.policy.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(`policy.file ${file}: ${(err as Error).message}`);
  }
  if (sha256 && sha256Hex(bytes) !== sha256) throw new InputError(`policy.file ${file}: sha256 is ${sha256Hex(bytes)}, the config expects ${sha256}`);
  const { tensors, metadata } = readSafetensors(bytes);
  let model: ModelConfig;
  try {
    model = validateModelConfig(JSON.parse(metadata?.model ?? 'null') as ModelConfig);
  } catch (err) {
    throw new InputError(`policy.file ${file}: its metadata must hold the model config as JSON under "model" (${(err as Error).message})`);
  }
  const weights = new Map([...tensors].map(([name, t]) => [name, { shape: t.shape, data: Float32Array.from(t.data as ArrayLike<number>) }]));
  const manifest = await saveCheckpoint(
    store,
    { step: 0, parent: null, model, rng: {}, scheduler: { importedFromSha256: sha256Hex(bytes) }, producedBy: provenance(config.threads), optimizer: null },
    weights,
  );
  return { ...config, policy: { checkpoint: await commitCheckpoint(store, manifest) } };
}
