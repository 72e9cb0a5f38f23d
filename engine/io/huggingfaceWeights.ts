import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { ModelConfig, parameterSpecs } from '../model';
import { StoredTensor, WritableTensor, readSafetensors, writeSafetensors } from './safetensors';

/**
 * Where each engine parameter lives in a transformers state dict. torch.nn.Linear keeps its weight as [out, in] and
 * computes x W^T; the engine multiplies x W with W [in, out], so every projection is transposed on the way in and out.
 */
export interface HuggingFaceTensorName {
  ours: string;
  theirs: string;
  transposed: boolean;
}

const LAYER_TENSORS: Partial<Record<string, [string, boolean]>> = {
  attnNorm: ['input_layernorm.weight', false],
  wq: ['self_attn.q_proj.weight', true],
  wk: ['self_attn.k_proj.weight', true],
  wv: ['self_attn.v_proj.weight', true],
  bq: ['self_attn.q_proj.bias', false],
  bk: ['self_attn.k_proj.bias', false],
  bv: ['self_attn.v_proj.bias', false],
  qNorm: ['self_attn.q_norm.weight', false],
  kNorm: ['self_attn.k_norm.weight', false],
  wo: ['self_attn.o_proj.weight', true],
  mlpNorm: ['post_attention_layernorm.weight', false],
  wGate: ['mlp.gate_proj.weight', true],
  wUp: ['mlp.up_proj.weight', true],
  wDown: ['mlp.down_proj.weight', true],
};

const MODEL_TENSORS: Partial<Record<string, [string, boolean]>> = {
  embed: ['model.embed_tokens.weight', false],
  finalNorm: ['model.norm.weight', false],
  lmHead: ['lm_head.weight', true],
};

/** The state-dict name of every parameter of `config`, in parameterSpecs order. */
export function huggingFaceTensorNames(config: ModelConfig): HuggingFaceTensorName[] {
  return parameterSpecs(config).map(({ name }) => {
    const layer = /^layer(\d+)\.(.+)$/.exec(name);
    const known = layer ? LAYER_TENSORS[layer[2]] : MODEL_TENSORS[name];
    if (!known) throw new InputError(`parameter ${name} has no counterpart in transformers' LlamaForCausalLM, Qwen2ForCausalLM or Qwen3ForCausalLM`);
    return { ours: name, theirs: layer ? `model.layers.${layer[1]}.${known[0]}` : known[0], transposed: known[1] };
  });
}

/**
 * State-dict entries that carry no weights of their own: a tied lm_head (transformers ties it to the embedding on
 * load) and the RoPE frequency buffers older checkpoints saved.
 */
function isDerived(name: string, config: ModelConfig): boolean {
  return (config.tiedEmbeddings && name === 'lm_head.weight') || /\.rotary_emb\.inv_freq$/.test(name);
}

/** The safetensors files of a model folder: the shards of model.safetensors.index.json, or model.safetensors. */
export function readHuggingFaceTensors(dir: string): { tensors: Map<string, StoredTensor & { file: string }>; files: string[] } {
  const index = join(dir, 'model.safetensors.index.json');
  let files: string[];
  let listed: Record<string, string> = {};
  if (existsSync(index)) {
    const weightMap = (readJsonFile(index) as { weight_map?: unknown }).weight_map;
    if (typeof weightMap !== 'object' || weightMap === null || !Object.values(weightMap).every((f) => typeof f === 'string' && /^[^/\\]+\.safetensors$/.test(f))) {
      throw new InputError(`${index}: weight_map must map tensor names to .safetensors files in the same folder`);
    }
    files = [...new Set(Object.values(weightMap as Record<string, string>))].sort();
    listed = weightMap as Record<string, string>;
  } else if (existsSync(join(dir, 'model.safetensors'))) {
    files = ['model.safetensors'];
  } else {
    const pickle = ['pytorch_model.bin', 'pytorch_model.bin.index.json'].find((f) => existsSync(join(dir, f)));
    throw new InputError(
      `${dir}: no model.safetensors or model.safetensors.index.json` +
        (pickle ? ` (${pickle} is a PyTorch pickle, which is not read: convert it with transformers' save_pretrained(dir, safe_serialization=True))` : ''),
    );
  }
  const tensors = new Map<string, StoredTensor & { file: string }>();
  for (const file of files) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new InputError(`${index}: shard ${file} is missing`);
    let parsed;
    try {
      parsed = readSafetensors(readFileSync(path));
    } catch (e) {
      throw new InputError(`${path}: ${(e as Error).message}`);
    }
    for (const [name, t] of parsed.tensors) {
      if (tensors.has(name)) throw new InputError(`${path}: tensor ${name} is also in ${tensors.get(name)?.file}`);
      tensors.set(name, { ...t, file });
    }
  }
  for (const [name, file] of Object.entries(listed)) {
    if (tensors.get(name)?.file !== file) throw new InputError(`${index}: weight_map puts ${name} in ${file}, which does not hold it`);
  }
  return { tensors, files };
}

/**
 * The engine's weights, float32, from a state dict: every parameter present with the transposed shape, float types
 * only (bf16 and f16 are widened exactly; f64 is rounded), and no tensor the engine would silently drop.
 */
export function weightsFromHuggingFace(config: ModelConfig, tensors: ReadonlyMap<string, StoredTensor & { file?: string }>, where: string): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  const specs = new Map(parameterSpecs(config).map((s) => [s.name, s.shape]));
  const used = new Set<string>();
  for (const { ours, theirs, transposed } of huggingFaceTensorNames(config)) {
    const t = tensors.get(theirs);
    const shape = specs.get(ours) as number[];
    const expected = transposed ? [shape[1], shape[0]] : shape;
    if (!t) throw new InputError(`${where}: tensor ${theirs} [${expected.join(',')}] (the engine's ${ours}) is missing`);
    const at = `${where}/${t.file ?? ''}: tensor ${theirs}`;
    if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
      throw new InputError(`${at} has shape [${t.shape.join(',')}] but config.json implies [${expected.join(',')}]`);
    }
    if (!['F32', 'F16', 'BF16', 'F64'].includes(t.dtype)) throw new InputError(`${at} has dtype ${t.dtype}; weights must be F32, F16, BF16 or F64`);
    const values = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as Float64Array);
    weights.set(ours, transposed ? transpose(values, expected[0], expected[1]) : values);
    used.add(theirs);
  }
  const extra = [...tensors.keys()].filter((name) => !used.has(name) && !isDerived(name, config));
  if (extra.length > 0) {
    throw new InputError(`${where}: tensors ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''} are not parameters of a ${config.nLayers}-layer Llama/Qwen2/Qwen3 model with this config.json`);
  }
  return weights;
}

/** The state dict of the engine's weights (float32, transformers' layouts), ready for writeSafetensors. */
export function weightsToHuggingFace(config: ModelConfig, weights: ReadonlyMap<string, Float32Array | Float64Array>): Map<string, WritableTensor> {
  const specs = new Map(parameterSpecs(config).map((s) => [s.name, s.shape]));
  const out = new Map<string, WritableTensor>();
  for (const { ours, theirs, transposed } of huggingFaceTensorNames(config)) {
    const data = weights.get(ours);
    if (!data) throw new InputError(`export: weight ${ours} is missing`);
    const shape = specs.get(ours) as number[];
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    out.set(theirs, transposed ? { dtype: 'F32', shape: [shape[1], shape[0]], data: transpose(values, shape[0], shape[1]) } : { dtype: 'F32', shape, data: values });
  }
  return out;
}

/**
 * model.safetensors, or shards of at most `maxShardBytes` each with the model.safetensors.index.json that lists
 * them (transformers' names: model-00001-of-00003.safetensors). Tensors go to shards in name order.
 */
export function huggingFaceWeightFiles(tensors: ReadonlyMap<string, WritableTensor>, maxShardBytes: number): Map<string, Uint8Array> {
  const metadata = { format: 'pt' };
  const names = [...tensors.keys()].sort();
  const shards: string[][] = [[]];
  let shardBytes = 0;
  for (const name of names) {
    const bytes = (tensors.get(name) as WritableTensor).data.byteLength;
    if (shardBytes > 0 && shardBytes + bytes > maxShardBytes) {
      shards.push([]);
      shardBytes = 0;
    }
    shards[shards.length - 1].push(name);
    shardBytes += bytes;
  }
  const files = new Map<string, Uint8Array>();
  if (shards.length === 1) {
    files.set('model.safetensors', writeSafetensors(tensors, metadata));
    return files;
  }
  const width = 5;
  const fileName = (i: number) => `model-${String(i + 1).padStart(width, '0')}-of-${String(shards.length).padStart(width, '0')}.safetensors`;
  const weightMap: Record<string, string> = {};
  shards.forEach((shard, i) => {
    files.set(fileName(i), writeSafetensors(new Map(shard.map((n) => [n, tensors.get(n) as WritableTensor])), metadata));
    for (const n of shard) weightMap[n] = fileName(i);
  });
  const totalSize = names.reduce((sum, n) => sum + (tensors.get(n) as WritableTensor).data.byteLength, 0);
  files.set('model.safetensors.index.json', new TextEncoder().encode(`${JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }, null, 2)}\n`));
  return files;
}

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

function readJsonFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
}
