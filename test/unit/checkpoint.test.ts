import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashOf } from '../../core/hash';
import { CHECKPOINT_FORMAT, checkpointTokenizer, loadCheckpoint, saveCheckpoint, tokenizerRefOf, validateCheckpoint } from '../../engine/io';
import { ModelConfig, initParameters, namedSizes, parameterSpecs, validateModelConfig } from '../../engine/model';
import { ByteTokenizer } from '../../engine/tokenizer';
import { createFsStore } from '../../store/fsStore';
import { commitCheckpoint, copyCheckpoint, readCheckpoint } from '../../training/checkpointStore';

const model: ModelConfig = validateModelConfig({
  vocabSize: 13, dModel: 8, nLayers: 1, nHeads: 2, nKvHeads: 1, dFf: 12, maxSeqLen: 16, ropeTheta: 10000, rmsNormEps: 1e-5, qkvBias: false, tiedEmbeddings: true,
});
const producedBy = { commit: 'abc123', lockfileHash: 'def456', ortVersion: '1.30.0', threads: 1 };

describe('checkpoints through an artifact store', () => {
  const root = mkdtempSync(join(tmpdir(), 'drl-checkpoint-'));
  const store = createFsStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const weights = () => {
    const init = initParameters(model, 5);
    return new Map(parameterSpecs(model).map((s) => [s.name, { shape: s.shape, data: Float32Array.from(init.get(s.name)!) }]));
  };

  test('save, commit the manifest, load: same tensors and state', async () => {
    const w = weights();
    const moments = new Map([...w].flatMap(([name, t]) => [[`m.${name}`, { shape: t.shape, data: new Float32Array(t.data.length).fill(0.5) }], [`v.${name}`, { shape: t.shape, data: new Float32Array(t.data.length) }]] as const));
    const manifest = await saveCheckpoint(store, {
      step: 3, parent: null, model, rng: { seed: 7, step: 3 }, scheduler: { kind: 'constant', lr: 1e-3 }, producedBy,
      optimizer: { kind: 'adamw', state: { step: 3, beta1: 0.9, beta2: 0.999 }, tensors: moments },
    }, w);
    expect(manifest.format).toBe(CHECKPOINT_FORMAT);
    const ref = await store.putManifest('checkpoints/test/3', manifest);
    const loaded = await loadCheckpoint(store, await store.getManifest(`checkpoints/test/3`));
    expect(ref.sha256).toHaveLength(64);
    for (const [name, t] of w) expect(loaded.weights.get(name)).toEqual(t.data);
    expect(loaded.optimizerTensors.get('m.embed')).toEqual(moments.get('m.embed')!.data);
    expect(loaded.rng).toEqual({ seed: 7, step: 3 });
    expect(loaded.optimizer?.state).toEqual({ step: 3, beta1: 0.9, beta2: 0.999 });
  });

  test('a checkpoint copied to another store keeps its id and tensors, and refs resolve by unique prefix', async () => {
    const manifest = await saveCheckpoint(store, { step: 0, parent: null, model, rng: {}, scheduler: {}, producedBy, optimizer: null }, weights());
    const id = await commitCheckpoint(store, manifest);
    const otherRoot = mkdtempSync(join(tmpdir(), 'drl-checkpoint-copy-'));
    try {
      const other = createFsStore(otherRoot);
      expect(await copyCheckpoint(store, other, id.slice(0, 10))).toBe(id);
      const copied = await readCheckpoint(other, id.slice(0, 12));
      for (const [name, t] of weights()) expect(copied.weights.get(name)).toEqual(t.data);
      await expect(readCheckpoint(other, 'ffffffff')).rejects.toThrow(/no checkpoint ffffffff/);
    } finally {
      rmSync(otherRoot, { recursive: true, force: true });
    }
  });

  test('tensors that do not match the model config are errors naming the tensor and both shapes', async () => {
    const manifest = await saveCheckpoint(store, { step: 0, parent: null, model, rng: {}, scheduler: {}, producedBy, optimizer: null }, weights());
    const wider = { ...model, dModel: 16 };
    expect(() => validateCheckpoint({ ...manifest, model: wider, configHash: hashOf(wider) })).toThrow(/checkpoint: tensor embed has shape \[13,8\] but the model config needs \[13,16\]/);
    const untied = { ...model, tiedEmbeddings: false };
    expect(() => validateCheckpoint({ ...manifest, model: untied, configHash: hashOf(untied) })).toThrow(/tensor lmHead \[8,13\] required by the model config is missing/);
    expect(() => validateCheckpoint({ ...manifest, model: wider })).toThrow(/configHash .* is not the hash of the model config/);
    const extra = { ...manifest, tensors: [...manifest.tensors, { ...manifest.tensors[0], name: 'bonus' }] };
    expect(() => validateCheckpoint(extra)).toThrow(/tensors bonus are not parameters of the model config/);
    const lying = { ...manifest, tensors: manifest.tensors.map((t, i) => (i === 0 ? { ...t, shape: [13, 9] } : t)) };
    expect(() => validateCheckpoint(lying)).toThrow(/tensor embed: blob has 416 bytes but float32\[13,9\] needs 468/);
  });

  test('a checkpoint names its tokenizer; format-1 manifests, which imply it, still load', async () => {
    const bytesModel = namedSizes.tiny;
    const bytesWeights = new Map(parameterSpecs(bytesModel).map((s) => [s.name, { shape: s.shape, data: new Float32Array(s.shape.reduce((a, b) => a * b, 1)) }]));
    const bytes = await saveCheckpoint(store, { step: 0, parent: null, model: bytesModel, rng: {}, scheduler: {}, producedBy, optimizer: null }, bytesWeights);
    expect(bytes.tokenizer).toEqual({ kind: 'bytes', vocabSize: 264 });
    const none = await saveCheckpoint(store, { step: 0, parent: null, model, rng: {}, scheduler: {}, producedBy, optimizer: null }, weights());
    expect(none.tokenizer).toEqual({ kind: 'none' });
    await expect(checkpointTokenizer(store, none)).rejects.toThrow(/a vocabulary of 13 tokens and no tokenizer files/);

    // Milestone 1 wrote format 1 without the field: it loads as it was stored (its id is the hash of those bytes).
    const { tokenizer: _, ...fields } = bytes;
    const v1 = { ...fields, format: 'drl-checkpoint/1' };
    const id = await commitCheckpoint(store, validateCheckpoint(v1));
    expect(id).toBe(hashOf(v1));
    const read = await readCheckpoint(store, id);
    expect(read.format).toBe('drl-checkpoint/1');
    expect(tokenizerRefOf(read)).toEqual({ kind: 'bytes', vocabSize: 264 });
    expect(await checkpointTokenizer(store, read)).toBeInstanceOf(ByteTokenizer);

    const tokenizerJson = { uri: 'sha256:aa', sha256: 'aa'.repeat(32), bytes: 2 };
    expect(() => validateCheckpoint({ ...v1, tokenizer: bytes.tokenizer })).toThrow(/tokenizer is a field of drl-checkpoint\/2, not of drl-checkpoint\/1/);
    expect(() => validateCheckpoint({ ...bytes, tokenizer: undefined })).toThrow(/tokenizer must be/);
    expect(() => validateCheckpoint({ ...bytes, tokenizer: { kind: 'sentencepiece' } })).toThrow(/tokenizer kind must be bytes, huggingface or none, got "sentencepiece"/);
    expect(() => validateCheckpoint({ ...bytes, huggingface: { files: { 'tokenizer.json': tokenizerJson } } })).toThrow(/the byte tokenizer, but the checkpoint keeps Hugging Face tokenizer files/);
    expect(() => validateCheckpoint({ ...none, tokenizer: bytes.tokenizer })).toThrow(/the byte tokenizer's 264 tokens do not fill the model's vocabulary of 13/);
    const hf = { ...bytes, huggingface: { files: { 'tokenizer.json': tokenizerJson } } };
    expect(() => validateCheckpoint({ ...hf, tokenizer: { kind: 'huggingface', file: 'tokenizer.json', sha256: 'bb'.repeat(32) } })).toThrow(/tokenizer.json has sha256 a+, the manifest names b+/);
    expect(() => validateCheckpoint({ ...bytes, tokenizer: { kind: 'huggingface', file: 'tokenizer.json', sha256: 'bb'.repeat(32) } })).toThrow(/"tokenizer.json" is not among the checkpoint's Hugging Face files \(none\)/);
    expect(tokenizerRefOf({ ...hf, format: 'drl-checkpoint/1', tokenizer: undefined })).toEqual({ kind: 'huggingface', file: 'tokenizer.json', sha256: 'aa'.repeat(32) });
  });
});
