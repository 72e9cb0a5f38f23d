import { InputError } from '../../core/errors';
import { ModelConfig, headDim, validateModelConfig } from '../model';

export type HuggingFaceArchitecture = 'llama' | 'qwen2' | 'qwen3';

const ARCHITECTURES: Record<HuggingFaceArchitecture, string> = { llama: 'LlamaForCausalLM', qwen2: 'Qwen2ForCausalLM', qwen3: 'Qwen3ForCausalLM' };
/** transformers' Qwen3Config default head width, used when config.json leaves head_dim out. */
const QWEN3_HEAD_DIM = 128;

/**
 * The ModelConfig of a Llama, Qwen2 or Qwen3 config.json (transformers 4 or 5 layout). Anything the engine's
 * transformer would compute differently is refused with the field, its value and what would be accepted: RoPE
 * scaling, sliding windows, biases other than Qwen2's q/k/v ones, activations other than SiLU.
 */
export function modelConfigFromHuggingFace(json: unknown, file: string): { model: ModelConfig; architecture: HuggingFaceArchitecture } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InputError(`${file}: must be a JSON object`);
  const c = json as Record<string, unknown>;
  const refuse = (key: string, why: string): never => {
    throw new InputError(`${file}: ${key} = ${JSON.stringify(c[key])}: ${why}`);
  };
  const architecture = c.model_type;
  if (architecture !== 'llama' && architecture !== 'qwen2' && architecture !== 'qwen3') refuse('model_type', 'only llama, qwen2 and qwen3 models can be imported');
  const arch = architecture as HuggingFaceArchitecture;
  const integer = (key: string): number => {
    const v = c[key];
    if (!Number.isInteger(v) || (v as number) < 1) refuse(key, 'must be a positive integer');
    return v as number;
  };
  const number = (key: string, fallback?: number): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== 'number' || !(v > 0)) refuse(key, 'must be a positive number');
    return v as number;
  };
  if ((c.hidden_act ?? 'silu') !== 'silu') refuse('hidden_act', 'only silu (SwiGLU) is supported');
  if (c.mlp_bias === true) refuse('mlp_bias', 'MLP biases are not supported');
  if (c.attention_bias === true) refuse('attention_bias', 'these attention biases include o_proj, which the engine does not have');
  if (c.use_sliding_window === true) refuse('use_sliding_window', 'sliding-window attention is not supported (every layer attends to the whole context)');
  if (Array.isArray(c.layer_types) && c.layer_types.some((t) => t !== 'full_attention')) refuse('layer_types', 'only full_attention layers are supported');
  if (c.partial_rotary_factor !== undefined && c.partial_rotary_factor !== 1) refuse('partial_rotary_factor', 'RoPE must rotate the whole head');
  const model: ModelConfig = {
    vocabSize: integer('vocab_size'),
    dModel: integer('hidden_size'),
    nLayers: integer('num_hidden_layers'),
    nHeads: integer('num_attention_heads'),
    nKvHeads: c.num_key_value_heads === undefined || c.num_key_value_heads === null ? integer('num_attention_heads') : integer('num_key_value_heads'),
    dFf: integer('intermediate_size'),
    maxSeqLen: integer('max_position_embeddings'),
    ropeTheta: ropeTheta(c, file),
    rmsNormEps: number('rms_norm_eps'),
    qkvBias: arch === 'qwen2',
    // Both classes default to untied in transformers; Qwen2 checkpoints that tie say so.
    tiedEmbeddings: c.tie_word_embeddings === true,
  };
  // transformers takes head_dim as given (all three classes); Qwen3's default is not hidden_size / heads.
  const statedHeadDim = c.head_dim === undefined || c.head_dim === null ? undefined : integer('head_dim');
  const evenSplit = model.dModel % model.nHeads === 0 ? model.dModel / model.nHeads : undefined;
  if (arch === 'qwen3') Object.assign(model, { headDim: statedHeadDim ?? QWEN3_HEAD_DIM, qkNorm: true });
  else if (statedHeadDim !== undefined && statedHeadDim !== evenSplit) model.headDim = statedHeadDim;
  if (model.headDim === undefined && evenSplit === undefined) refuse('hidden_size', `must be a multiple of num_attention_heads (${model.nHeads}) when head_dim is not given`);
  try {
    return { model: validateModelConfig(model), architecture: arch };
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
}

/** RoPE base from transformers 5's rope_parameters or 4's rope_theta; scaled variants (llama3, yarn, linear...) are refused. */
function ropeTheta(c: Record<string, unknown>, file: string): number {
  const check = (key: string, params: unknown): Record<string, unknown> => {
    if (params === undefined || params === null) return {};
    if (typeof params !== 'object' || Array.isArray(params)) throw new InputError(`${file}: ${key} must be an object`);
    const p = params as Record<string, unknown>;
    const type = p.rope_type ?? p.type ?? 'default';
    if (type !== 'default') {
      throw new InputError(`${file}: ${key}.rope_type = ${JSON.stringify(type)}: only unscaled RoPE ("default") is supported, not ${JSON.stringify(type)} scaling`);
    }
    return p;
  };
  check('rope_scaling', c.rope_scaling);
  const theta = check('rope_parameters', c.rope_parameters).rope_theta ?? c.rope_theta ?? 10000;
  if (typeof theta !== 'number' || !(theta > 0)) throw new InputError(`${file}: rope_theta = ${JSON.stringify(theta)}: must be a positive number`);
  return theta;
}

/**
 * config.json for a checkpoint: the imported one with the engine's fields rewritten (weights are written in float32),
 * or, for a model that was never a Hugging Face one, a fresh Llama config (Qwen2 when it has q/k/v biases).
 */
export function huggingFaceConfigFor(model: ModelConfig, imported: Record<string, unknown> | undefined, tokens: { bos: number | null; eos: number | null; pad: number | null }): Record<string, unknown> {
  const arch: HuggingFaceArchitecture = model.qkNorm ? 'qwen3' : model.qkvBias ? 'qwen2' : 'llama';
  if (model.qkNorm && model.qkvBias) throw new InputError('export: a model with both q/k norms and q/k/v biases has no transformers architecture');
  const base: Record<string, unknown> = imported ?? {
    architectures: [ARCHITECTURES[arch]],
    model_type: arch,
    hidden_act: 'silu',
    attention_dropout: 0,
    ...(arch === 'qwen2' ? { use_sliding_window: false } : { attention_bias: false }),
    ...(arch === 'llama' ? { mlp_bias: false } : {}),
    bos_token_id: tokens.bos,
    eos_token_id: tokens.eos,
    pad_token_id: tokens.pad,
    use_cache: true,
  };
  if (imported && imported.model_type !== arch) {
    throw new InputError(`export: the checkpoint came from a ${String(imported.model_type)} model but its config makes it a ${arch} one (q/k/v biases: ${model.qkvBias}, q/k norms: ${Boolean(model.qkNorm)})`);
  }
  const out: Record<string, unknown> = {
    ...base,
    vocab_size: model.vocabSize,
    hidden_size: model.dModel,
    intermediate_size: model.dFf,
    num_hidden_layers: model.nLayers,
    num_attention_heads: model.nHeads,
    num_key_value_heads: model.nKvHeads,
    max_position_embeddings: model.maxSeqLen,
    rms_norm_eps: model.rmsNormEps,
    tie_word_embeddings: model.tiedEmbeddings,
  };
  if ('head_dim' in base || model.headDim !== undefined) out.head_dim = headDim(model);
  if (isObject(base.rope_parameters)) out.rope_parameters = { ...base.rope_parameters, rope_theta: model.ropeTheta };
  else out.rope_theta = model.ropeTheta;
  // transformers 5 writes dtype, 4 torch_dtype; either names the dtype of the weights, which export writes in float32.
  if ('dtype' in base) out.dtype = 'float32';
  if ('torch_dtype' in base || !('dtype' in base)) out.torch_dtype = 'float32';
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
