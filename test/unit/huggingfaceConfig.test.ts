import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { huggingFaceConfigFor, importHuggingFace, modelConfigFromHuggingFace, readSafetensors, validateCheckpoint, writeSafetensors } from '../../engine/io';
import { createFsStore } from '../../store/fsStore';

const FIXTURES = join('test', 'fixtures', 'hf');
const qwen = JSON.parse(readFileSync(join(FIXTURES, 'qwen2', 'config.json'), 'utf8')) as Record<string, unknown>;
const llama = JSON.parse(readFileSync(join(FIXTURES, 'llama', 'config.json'), 'utf8')) as Record<string, unknown>;
const producedBy = { commit: 'test', lockfileHash: 'test', ortVersion: '1.30.0', threads: 1 };

describe('config.json to ModelConfig', () => {
  test('transformers 4 layout (rope_theta at the top, rope_scaling null) reads like the 5 layout', () => {
    const { rope_parameters: _, ...v5 } = qwen;
    const v4 = { ...v5, rope_theta: 1000000, rope_scaling: null, torch_dtype: 'bfloat16' };
    expect(modelConfigFromHuggingFace(v4, 'c.json').model).toEqual(modelConfigFromHuggingFace(qwen, 'c.json').model);
    expect(modelConfigFromHuggingFace({ ...llama, num_key_value_heads: undefined }, 'c.json').model.nKvHeads).toBe(6);
  });

  test('head_dim is taken as given; Qwen3 adds q/k norms and defaults head_dim to 128 as transformers does', () => {
    expect(modelConfigFromHuggingFace({ ...llama, head_dim: 16 }, 'c.json').model.headDim).toBe(16);
    expect(modelConfigFromHuggingFace({ ...llama, head_dim: 8 }, 'c.json').model.headDim).toBeUndefined(); // 48 / 6: the even split
    const { model, architecture } = modelConfigFromHuggingFace({ ...qwen, model_type: 'qwen3', head_dim: undefined }, 'c.json');
    expect(architecture).toBe('qwen3');
    expect(model).toMatchObject({ headDim: 128, qkNorm: true, qkvBias: false });
  });

  test.each([
    [{ ...llama, rope_parameters: { rope_type: 'llama3', rope_theta: 500000, factor: 8 } }, /c\.json: rope_parameters\.rope_type = "llama3": only unscaled RoPE \("default"\) is supported/],
    [{ ...llama, rope_scaling: { type: 'linear', factor: 2 } }, /rope_scaling\.rope_type = "linear"/],
    [{ ...qwen, use_sliding_window: true, sliding_window: 4096 }, /use_sliding_window = true: sliding-window attention is not supported/],
    [{ ...qwen, layer_types: ['full_attention', 'sliding_attention'] }, /layer_types = .*only full_attention/],
    [{ ...llama, attention_bias: true }, /attention_bias = true: .*o_proj/],
    [{ ...llama, mlp_bias: true }, /mlp_bias = true/],
    [{ ...llama, hidden_act: 'gelu' }, /hidden_act = "gelu": only silu/],
    [{ ...llama, model_type: 'mistral' }, /model_type = "mistral": only llama, qwen2 and qwen3/],
    [{ ...llama, hidden_size: 50, head_dim: undefined }, /hidden_size = 50: must be a multiple of num_attention_heads \(6\) when head_dim is not given/],
    [{ ...llama, hidden_size: 0 }, /hidden_size = 0: must be a positive integer/],
    [{ ...llama, num_key_value_heads: 4 }, /c\.json: model config: nHeads 6 must be a multiple of nKvHeads 4/],
    [{ ...llama, partial_rotary_factor: 0.5 }, /partial_rotary_factor = 0\.5/],
  ])('refuses what the engine would compute differently (%#)', (config, message) => {
    expect(() => modelConfigFromHuggingFace(config, 'c.json')).toThrow(message);
  });

  test('export keeps the imported config and rewrites only what the engine decides', () => {
    const { model } = modelConfigFromHuggingFace(llama, 'c.json');
    expect(huggingFaceConfigFor(model, llama, { bos: 1, eos: 2, pad: null })).toEqual({ ...llama, dtype: 'float32' });
    const fresh = huggingFaceConfigFor({ ...model, qkvBias: true }, undefined, { bos: null, eos: 2, pad: 2 });
    expect(fresh).toMatchObject({ model_type: 'qwen2', architectures: ['Qwen2ForCausalLM'], rope_theta: 500000, torch_dtype: 'float32', bos_token_id: null });
    expect(() => huggingFaceConfigFor({ ...model, qkvBias: true }, llama, { bos: 1, eos: 2, pad: null })).toThrow(/came from a llama model but its config makes it a qwen2 one/);
    const qwen3 = huggingFaceConfigFor({ ...model, qkNorm: true, headDim: 16 }, undefined, { bos: null, eos: 2, pad: 2 });
    expect(qwen3).toMatchObject({ model_type: 'qwen3', architectures: ['Qwen3ForCausalLM'], head_dim: 16, attention_bias: false });
  });
});

describe('model folders the import refuses, before storing anything', () => {
  const root = mkdtempSync(join(tmpdir(), 'drl-hf-bad-'));
  const store = createFsStore(join(root, 'store'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const folder = (name: string, edit: (dir: string) => void): string => {
    const dir = join(root, name);
    cpSync(join(FIXTURES, 'qwen2'), dir, { recursive: true });
    edit(dir);
    return dir;
  };
  const weights = (dir: string) => join(dir, 'model.safetensors');
  const rewrite = (dir: string, change: (tensors: Map<string, { dtype: 'F32'; shape: number[]; data: Float32Array }>) => void) => {
    const t = new Map([...readSafetensors(new Uint8Array(readFileSync(weights(dir)))).tensors].map(([n, x]) => [n, { dtype: 'F32' as const, shape: x.shape, data: x.data as Float32Array }]));
    change(t);
    writeFileSync(weights(dir), writeSafetensors(t));
  };

  test.each([
    ['no-tokenizer', (d: string) => unlinkSync(join(d, 'tokenizer.json')), /tokenizer\.json is missing; only fast \(tokenizers\) tokenizers are read/],
    ['no-weights', (d: string) => { unlinkSync(weights(d)); writeFileSync(join(d, 'pytorch_model.bin'), 'x'); }, /no model\.safetensors .*pytorch_model\.bin is a PyTorch pickle/],
    ['missing-tensor', (d: string) => rewrite(d, (t) => t.delete('model.layers.1.self_attn.k_proj.bias')), /tensor model\.layers\.1\.self_attn\.k_proj\.bias \[16\] \(the engine's layer1\.bk\) is missing/],
    ['wrong-shape', (d: string) => rewrite(d, (t) => t.set('model.norm.weight', { dtype: 'F32', shape: [16], data: new Float32Array(16) })), /model\.safetensors: tensor model\.norm\.weight has shape \[16\] but config\.json implies \[32\]/],
    ['extra-tensor', (d: string) => rewrite(d, (t) => t.set('model.layers.0.self_attn.o_proj.bias', { dtype: 'F32', shape: [32], data: new Float32Array(32) })), /tensors model\.layers\.0\.self_attn\.o_proj\.bias are not parameters/],
    ['small-vocab', (d: string) => writeFileSync(join(d, 'config.json'), JSON.stringify({ ...qwen, vocab_size: 100 })), /tokenizer\.json has 380 tokens but config\.json's vocab_size is 100/],
    ['bad-eos', (d: string) => writeFileSync(join(d, 'tokenizer_config.json'), JSON.stringify({ eos_token: '<|nope|>' })), /tokenizer_config\.json: eos_token "<\|nope\|>" is not in tokenizer\.json's vocabulary/],
  ])('%s', async (name, edit, message) => {
    await expect(importHuggingFace(store, folder(name, edit), producedBy)).rejects.toThrow(message);
  });

  test('none of them left a blob in the store', async () => {
    expect(await store.list('')).toEqual([]);
  });
});

test('a manifest with tokenizer files validates; one whose file names leave the folder does not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'drl-hf-manifest-'));
  try {
    const { manifest } = await importHuggingFace(createFsStore(root), join(FIXTURES, 'qwen2'), producedBy);
    const { huggingface, ...plain } = manifest;
    expect(validateCheckpoint(manifest)).toEqual(manifest);
    // The tokenizer the manifest names is one of its files: without them it names nothing.
    expect(() => validateCheckpoint(plain)).toThrow(/tokenizer: "tokenizer.json" is not among the checkpoint's Hugging Face files \(none\)/);
    const escaping = { ...manifest, huggingface: { files: { '../config.json': huggingface!.files['config.json'] } } };
    expect(() => validateCheckpoint(escaping)).toThrow(/huggingface file "\.\.\/config\.json" is not a plain file name/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
