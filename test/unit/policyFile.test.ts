import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPolicyFile } from '../../cli/policyFile';
import { sha256Hex } from '../../core/hash';
import { writeSafetensors } from '../../engine/io';
import { namedSizes } from '../../engine/model';
import { PolicyState } from '../../engine/train';
import { readCheckpoint } from '../../training/checkpointStore';
import { parseRunConfig } from '../../training/runConfig';
import { tempDir, tempStore } from '../helpers/temporalTestKit';

describe('a run config that starts from a safetensors file', () => {
  const dir = tempDir('policy-file');
  const state = PolicyState.init(namedSizes.tiny, 4);
  const tensors = new Map([...state.namedWeights()].map(([name, t]) => [name, { dtype: 'F32' as const, shape: t.shape, data: t.data }]));
  const file = join(dir, 'base.safetensors');
  const bytes = writeSafetensors(tensors, { model: JSON.stringify(state.config) });
  writeFileSync(file, bytes);
  const config = (policy: Record<string, unknown>) => parseRunConfig({ dataset: { builder: 'math' }, steps: 1, policy });

  it('imports the weights as a checkpoint and starts from its id; the same file gives the same id', async () => {
    const { store } = tempStore('policy-file');
    const resolved = await importPolicyFile(config({ file: 'base.safetensors', sha256: sha256Hex(bytes) }), store, join(dir, 'run.yaml'));
    const id = (resolved.policy as { checkpoint: string }).checkpoint;
    const checkpoint = await readCheckpoint(store, id);
    for (const [name, w] of state.weights) expect(checkpoint.weights.get(name)).toEqual(w);
    expect(checkpoint.optimizer).toBeNull();
    expect(await importPolicyFile(config({ file }), store, join(dir, 'run.yaml'))).toEqual(resolved);
  });

  it('names the file and what is wrong with it', async () => {
    const { store } = tempStore('policy-file-bad');
    await expect(importPolicyFile(config({ file, sha256: '0'.repeat(64) }), store, 'run.yaml')).rejects.toThrow(/base\.safetensors: sha256 is [0-9a-f]{64}, the config expects 0000/);
    await expect(importPolicyFile(config({ file: join(dir, 'missing.safetensors') }), store, 'run.yaml')).rejects.toThrow(/missing\.safetensors: ENOENT/);
    const bare = join(dir, 'bare.safetensors');
    writeFileSync(bare, writeSafetensors(tensors, {}));
    await expect(importPolicyFile(config({ file: bare }), store, 'run.yaml')).rejects.toThrow(/bare\.safetensors: its metadata must hold the model config/);
    expect(await store.list('checkpoints/')).toEqual([]);
  });
});
