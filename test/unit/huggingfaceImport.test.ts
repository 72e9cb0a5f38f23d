import '../helpers/shareTypedArraysWithOrt';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphBytes, sessionCacheRunner } from '../../engine/infer';
import {
  CheckpointManifest,
  checkpointTokenizer,
  exportHuggingFace,
  importHuggingFace,
  loadCheckpoint,
  readHuggingFaceTensors,
  readSafetensors,
  validateCheckpoint,
} from '../../engine/io';
import { ModelConfig, parameterSpecs } from '../../engine/model';
import { SessionCache } from '../../engine/runtime';
import { HuggingFaceTokenizer, Tokenizer } from '../../engine/tokenizer';
import { createFsStore } from '../../store/fsStore';

/** Made by test/fixtures/hf/make_hf_fixtures.py with transformers and tokenizers. */
const FIXTURES = join('test', 'fixtures', 'hf');
const producedBy = { commit: 'test', lockfileHash: 'test', ortVersion: '1.30.0', threads: 1 };

interface Expected {
  texts: string[];
  ids: number[][];
  idsWithSpecialTokens: number[][];
  decoded: string[];
  messages: Array<{ role: string; content: string }>;
  chat: string;
  chatWithGenerationPrompt: string;
}

const expectedOf = (name: string): Expected => JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'));
const referenceLogits = (name: string) => readSafetensors(readFileSync(join(FIXTURES, name, 'logits.safetensors'))).tensors;

/** Logits [T, V] of one unpadded sequence through the engine's prefill graph. */
async function engineLogits(cache: SessionCache, model: ModelConfig, weights: ReadonlyMap<string, Float32Array | Float64Array>, ids: number[]): Promise<Float32Array> {
  const T = ids.length;
  const feeds = Object.fromEntries(parameterSpecs(model).map((s) => [s.name, { dtype: 'float32' as const, dims: s.shape, data: weights.get(s.name)! }]));
  const out = await sessionCacheRunner(cache).run(graphBytes('score', model, 'float32', 1, T), {
    ...feeds,
    tokens: { dtype: 'int64', dims: [1, T], data: BigInt64Array.from(ids, BigInt) },
    attentionMask: { dtype: 'bool', dims: [1, T], data: new Uint8Array(T).fill(1) },
    positions: { dtype: 'int64', dims: [1, T], data: BigInt64Array.from(ids, (_, i) => BigInt(i)) },
  });
  return out.logits.data as Float32Array;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe.each([
  ['qwen2', { architecture: 'qwen2', qkvBias: true, tiedEmbeddings: true, weightFiles: ['model.safetensors'] }],
  ['llama', { architecture: 'llama', qkvBias: false, tiedEmbeddings: false, weightFiles: ['model-00001-of-00003.safetensors', 'model-00002-of-00003.safetensors', 'model-00003-of-00003.safetensors'] }],
  ['qwen3', { architecture: 'qwen3', qkvBias: false, tiedEmbeddings: true, weightFiles: ['model.safetensors'] }],
] as const)('Hugging Face %s import against transformers', (name, shape) => {
  const root = mkdtempSync(join(tmpdir(), `drl-hf-${name}-`));
  const store = createFsStore(join(root, 'store'));
  const cache = new SessionCache({ executionProvider: 'cpu', threads: 1, graphOptimization: 'all' });
  const expected = expectedOf(name);
  let manifest: CheckpointManifest;
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    const imported = await importHuggingFace(store, join(FIXTURES, name), producedBy);
    manifest = imported.manifest;
    expect(imported.architecture).toBe(shape.architecture);
    expect(imported.weightFiles).toEqual(shape.weightFiles);
    tokenizer = await checkpointTokenizer(store, manifest);
  });
  afterAll(async () => {
    await cache.release();
    rmSync(root, { recursive: true, force: true });
  });

  test('config.json becomes the engine config, and the checkpoint keeps the folder files', () => {
    expect(manifest.model).toMatchObject({ qkvBias: shape.qkvBias, tiedEmbeddings: shape.tiedEmbeddings, maxSeqLen: 64 });
    expect(Object.keys(manifest.huggingface?.files ?? {}).sort()).toEqual(['chat_template.jinja', 'config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']);
    expect(validateCheckpoint(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  test('logits match transformers within 1e-4 on every fixed input', async () => {
    const { weights } = await loadCheckpoint(store, manifest);
    const reference = referenceLogits(name);
    for (const [i, ids] of expected.idsWithSpecialTokens.entries()) {
      const ours = await engineLogits(cache, manifest.model, weights, ids);
      expect(maxAbsDifference(ours, reference.get(`logits.${i}`)!.data as Float32Array)).toBeLessThan(1e-4);
    }
  });

  test('token ids match tokenizers exactly; decoding and chat templates match transformers', () => {
    expect(tokenizer).toBeInstanceOf(HuggingFaceTokenizer);
    expect(expected.texts.map((t) => tokenizer.encode(t))).toEqual(expected.ids);
    expect(expected.texts.map((t) => tokenizer.encode(t, { bos: true }))).toEqual(expected.idsWithSpecialTokens);
    expect(expected.idsWithSpecialTokens.map((ids) => tokenizer.decode(ids))).toEqual(expected.decoded);
    const hf = tokenizer as HuggingFaceTokenizer;
    expect(hf.applyChatTemplate(expected.messages)).toBe(expected.chat);
    expect(hf.applyChatTemplate(expected.messages.slice(1, 2), { addGenerationPrompt: true })).toBe(expected.chatWithGenerationPrompt);
  });

  test('export then import gives byte-identical weights and the same tokenizer files', async () => {
    const out = join(root, 'export');
    const written = await exportHuggingFace(store, await loadCheckpoint(store, manifest), out, { maxShardBytes: 64 * 1024 });
    expect(written).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja']));
    for (const file of ['tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja', 'generation_config.json']) {
      expect(readFileSync(join(out, file))).toEqual(readFileSync(join(FIXTURES, name, file)));
    }
    const again = await importHuggingFace(store, out, producedBy);
    expect(again.manifest.tensors).toEqual(manifest.tensors);
    expect(again.manifest.model).toEqual(manifest.model);
    // The exported state dict holds the original's tensors (bf16 ones widened exactly to float32).
    const original = readHuggingFaceTensors(join(FIXTURES, name)).tensors;
    const exported = readHuggingFaceTensors(out).tensors;
    for (const [tensor, t] of exported) {
      expect(t.dtype).toBe('F32');
      expect(t.shape).toEqual(original.get(tensor)!.shape);
      expect(Array.from(t.data as Float32Array)).toEqual(Array.from(original.get(tensor)!.data as Float32Array));
    }
    expect([...exported.keys()].sort()).toEqual([...original.keys()].filter((k) => !(shape.tiedEmbeddings && k === 'lm_head.weight')).sort());
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    const source = JSON.parse(readFileSync(join(FIXTURES, name, 'config.json'), 'utf8'));
    expect(config).toEqual({ ...source, dtype: 'float32' });
  });
});
