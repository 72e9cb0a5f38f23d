import { IntegrityError, InputError } from '../../core/errors';
import { hashOf, sha256Hex } from '../../core/hash';
import { ModelConfig, parameterSpecs, validateModelConfig } from '../model';
import { BYTE_VOCAB_SIZE } from '../tokenizer';

/** Format 2 names the checkpoint's tokenizer (`tokenizer`); format 1 manifests (no such field) still load. */
export const CHECKPOINT_FORMAT = 'drl-checkpoint/2';
const FORMAT_1 = 'drl-checkpoint/1';

/** Structurally the ArtifactStore's BlobRef, so any store's refs can be kept in a manifest. */
export interface BlobRef {
  uri: string;
  sha256: string;
  bytes: number;
}

/** The part of store/artifactStore.ts's ArtifactStore that checkpoints need; the engine does not import the store. */
export interface BlobStore {
  putBlob(data: Uint8Array): Promise<BlobRef>;
  getBlob(ref: BlobRef): Promise<Uint8Array>;
}

export type CheckpointDType = 'float32' | 'float64';
export type CheckpointArray = Float32Array | Float64Array;

/** One tensor: its raw little-endian elements are the blob (content-addressed, so unchanged tensors dedupe). */
export interface TensorEntry {
  name: string;
  dtype: CheckpointDType;
  shape: number[];
  blob: BlobRef;
}

export type JsonObject = { [key: string]: unknown };

export interface OptimizerState {
  /** e.g. 'adamw'; hyperparameters and the step count go in `state`. */
  kind: string;
  state: JsonObject;
  /** Moment tensors, named like `m.<parameter>` and `v.<parameter>`. */
  tensors: TensorEntry[];
}

/**
 * Which tokenizer the checkpoint's token ids belong to: the byte tokenizer, the tokenizer.json (by hash) among the
 * Hugging Face files the checkpoint keeps, or none (a model of another vocabulary without tokenizer files, as engine
 * tests make: its ids are not text).
 */
export type TokenizerRef = { kind: 'bytes'; vocabSize: number } | { kind: 'huggingface'; file: 'tokenizer.json'; sha256: string } | { kind: 'none' };

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT | typeof FORMAT_1;
  step: number;
  /** Manifest hash of the checkpoint this one was trained from; null for an initialization. */
  parent: string | null;
  /** hashOf(model): two checkpoints with the same configHash have interchangeable tensor layouts. */
  configHash: string;
  model: ModelConfig;
  tensors: TensorEntry[];
  optimizer: OptimizerState | null;
  rng: JsonObject;
  scheduler: JsonObject;
  producedBy: { commit: string; lockfileHash: string; ortVersion: string; threads: number };
  /** Set on checkpoints imported from Hugging Face (engine/io/huggingfaceImport.ts); absent everywhere else. */
  huggingface?: HuggingFaceFiles;
  /** Absent in format 1, where it is implied (tokenizerRefOf). */
  tokenizer?: TokenizerRef;
}

/**
 * The files of the Hugging Face model folder a checkpoint came from, by file name: config.json, the tokenizer's files,
 * the chat template. The tokenizer is loaded from them, and an export writes them back.
 */
export interface HuggingFaceFiles {
  files: Record<string, BlobRef>;
}

/** A plain file name, so an export cannot be steered outside its folder. */
const HUGGING_FACE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export type CheckpointFields = Omit<CheckpointManifest, 'format' | 'configHash' | 'tokenizer'>;

function fail(why: string): never {
  throw new InputError(`checkpoint: ${why}`);
}

/**
 * A manifest from its parts, with configHash and the tokenizer filled in (the kept tokenizer.json where there are
 * Hugging Face files, else the byte tokenizer if the vocabulary is its, else none), validated as `validateCheckpoint` does.
 */
export function buildCheckpointManifest(fields: CheckpointFields): CheckpointManifest {
  return validateCheckpoint({ format: CHECKPOINT_FORMAT, configHash: hashOf(fields.model), ...fields, tokenizer: impliedTokenizer(fields) });
}

/** The tokenizer a manifest names, or for format 1 the one it implies. */
export function tokenizerRefOf(m: CheckpointManifest): TokenizerRef {
  return m.tokenizer ?? impliedTokenizer(m);
}

function impliedTokenizer(m: Pick<CheckpointManifest, 'huggingface' | 'model'>): TokenizerRef {
  if (m.huggingface) {
    const file = m.huggingface.files['tokenizer.json'];
    if (!file) fail('the Hugging Face files have no tokenizer.json; only fast (tokenizers) tokenizers are read');
    return { kind: 'huggingface', file: 'tokenizer.json', sha256: file.sha256 };
  }
  return m.model.vocabSize === BYTE_VOCAB_SIZE ? { kind: 'bytes', vocabSize: BYTE_VOCAB_SIZE } : { kind: 'none' };
}

/**
 * Checks a manifest read from anywhere: the format tag, the config and its hash, and that the tensors are exactly the
 * model's parameters with the shapes its config implies (the error names the tensor and both shapes).
 */
export function validateCheckpoint(value: unknown): CheckpointManifest {
  const m = value as CheckpointManifest;
  if (typeof m !== 'object' || m === null) fail('manifest must be an object');
  if (m.format !== CHECKPOINT_FORMAT && m.format !== FORMAT_1) fail(`format must be ${CHECKPOINT_FORMAT} (or ${FORMAT_1}), got ${JSON.stringify(m.format)}`);
  if (!Number.isInteger(m.step) || m.step < 0) fail(`step must be a non-negative integer, got ${m.step}`);
  if (m.parent !== null && typeof m.parent !== 'string') fail(`parent must be a manifest hash or null, got ${JSON.stringify(m.parent)}`);
  validateModelConfig(m.model);
  if (m.configHash !== hashOf(m.model)) fail(`configHash ${m.configHash} is not the hash of the model config (${hashOf(m.model)})`);
  for (const key of ['rng', 'scheduler'] as const) if (!isObject(m[key])) fail(`${key} state must be an object`);
  const p = m.producedBy;
  if (!isObject(p) || typeof p.commit !== 'string' || typeof p.lockfileHash !== 'string' || typeof p.ortVersion !== 'string' || !Number.isInteger(p.threads)) {
    fail('producedBy needs commit, lockfileHash, ortVersion (strings) and threads (integer)');
  }
  checkTensorsMatchModel(m.tensors, m.model);
  if (m.optimizer !== null) {
    if (!isObject(m.optimizer) || typeof m.optimizer.kind !== 'string' || !isObject(m.optimizer.state) || !Array.isArray(m.optimizer.tensors)) {
      fail('optimizer needs a kind, a state object and a list of tensors');
    }
    m.optimizer.tensors.forEach((t) => checkEntry(t, 'optimizer tensor'));
  }
  if (m.huggingface !== undefined) checkHuggingFaceFiles(m.huggingface);
  if (m.format === FORMAT_1) {
    if (m.tokenizer !== undefined) fail(`tokenizer is a field of ${CHECKPOINT_FORMAT}, not of ${FORMAT_1}`);
  } else {
    checkTokenizerRef(m);
  }
  return m;
}

function checkTokenizerRef(m: CheckpointManifest): void {
  const t = m.tokenizer;
  if (!isObject(t)) fail(`tokenizer must be {kind: bytes, vocabSize: ${BYTE_VOCAB_SIZE}}, {kind: huggingface, file: tokenizer.json, sha256} or {kind: none}`);
  if (t.kind === 'bytes') {
    if (t.vocabSize !== BYTE_VOCAB_SIZE) fail(`tokenizer: the byte tokenizer has ${BYTE_VOCAB_SIZE} tokens, got vocabSize ${JSON.stringify(t.vocabSize)}`);
    if (m.model.vocabSize !== BYTE_VOCAB_SIZE) fail(`tokenizer: the byte tokenizer's ${BYTE_VOCAB_SIZE} tokens do not fill the model's vocabulary of ${m.model.vocabSize}`);
    if (m.huggingface) fail('tokenizer: the byte tokenizer, but the checkpoint keeps Hugging Face tokenizer files');
  } else if (t.kind === 'huggingface') {
    const file = m.huggingface?.files[t.file];
    if (t.file !== 'tokenizer.json' || !file) fail(`tokenizer: ${JSON.stringify(t.file)} is not among the checkpoint's Hugging Face files (${Object.keys(m.huggingface?.files ?? {}).join(', ') || 'none'})`);
    if (file.sha256 !== t.sha256) fail(`tokenizer: tokenizer.json has sha256 ${file.sha256}, the manifest names ${t.sha256}`);
  } else if (t.kind === 'none') {
    if (m.huggingface || m.model.vocabSize === BYTE_VOCAB_SIZE) fail(`tokenizer: none, but the checkpoint ${m.huggingface ? 'keeps Hugging Face tokenizer files' : "has the byte tokenizer's vocabulary"}`);
  } else {
    fail(`tokenizer kind must be bytes, huggingface or none, got ${JSON.stringify((t as { kind: unknown }).kind)}`);
  }
}

function checkTensorsMatchModel(tensors: TensorEntry[], model: ModelConfig): void {
  if (!Array.isArray(tensors)) fail('tensors must be a list');
  const byName = new Map<string, TensorEntry>();
  for (const t of tensors) {
    checkEntry(t, 'tensor');
    if (byName.has(t.name)) fail(`tensor ${t.name} is listed twice`);
    byName.set(t.name, t);
  }
  const specs = parameterSpecs(model);
  for (const spec of specs) {
    const t = byName.get(spec.name);
    if (!t) fail(`tensor ${spec.name} [${spec.shape.join(',')}] required by the model config is missing`);
    if (t.shape.length !== spec.shape.length || t.shape.some((d, i) => d !== spec.shape[i])) {
      fail(`tensor ${spec.name} has shape [${t.shape.join(',')}] but the model config needs [${spec.shape.join(',')}]`);
    }
  }
  const extra = tensors.filter((t) => !specs.some((s) => s.name === t.name)).map((t) => t.name);
  if (extra.length > 0) fail(`tensors ${extra.join(', ')} are not parameters of the model config`);
}

function checkHuggingFaceFiles(h: HuggingFaceFiles): void {
  if (!isObject(h) || !isObject(h.files)) fail('huggingface must be {files: {name: blob}}');
  for (const [name, b] of Object.entries(h.files)) {
    if (!HUGGING_FACE_FILE_NAME.test(name)) fail(`huggingface file ${JSON.stringify(name)} is not a plain file name`);
    if (!isObject(b) || typeof b.uri !== 'string' || typeof b.sha256 !== 'string' || !Number.isInteger(b.bytes)) fail(`huggingface file ${name}: blob must be {uri, sha256, bytes}`);
  }
}

function checkEntry(t: TensorEntry, what: string): void {
  if (!isObject(t) || typeof t.name !== 'string') fail(`each ${what} needs a name`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') fail(`${what} ${t.name}: dtype must be float32 or float64, got ${JSON.stringify(t.dtype)}`);
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`${what} ${t.name}: shape must be a list of non-negative integers`);
  const b = t.blob;
  if (!isObject(b) || typeof b.uri !== 'string' || typeof b.sha256 !== 'string' || !Number.isInteger(b.bytes)) fail(`${what} ${t.name}: blob must be {uri, sha256, bytes}`);
  const expected = t.shape.reduce((p, q) => p * q, 1) * bytesPerElement(t.dtype);
  if (b.bytes !== expected) fail(`${what} ${t.name}: blob has ${b.bytes} bytes but ${t.dtype}[${t.shape.join(',')}] needs ${expected}`);
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bytesPerElement(dtype: CheckpointDType): number {
  return dtype === 'float32' ? 4 : 8;
}

/** Tensors to save: name -> shape and values. */
export type NamedArrays = ReadonlyMap<string, { shape: readonly number[]; data: CheckpointArray }>;

/** Puts each tensor's bytes in the store and returns the manifest entries, in the map's order. */
export async function putTensors(store: BlobStore, tensors: NamedArrays): Promise<TensorEntry[]> {
  const entries: TensorEntry[] = [];
  for (const [name, { shape, data }] of tensors) {
    const stored = await store.putBlob(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    // A content address instead of the store's own URI, so the same weights give the same manifest (and checkpoint
    // id) in every store; stores locate blobs by their hash.
    const blob = { uri: `sha256:${stored.sha256}`, sha256: stored.sha256, bytes: stored.bytes };
    // By element size rather than instanceof, which fails for arrays made in another realm (a vm context, a test sandbox).
    entries.push({ name, dtype: data.BYTES_PER_ELEMENT === 4 ? 'float32' : 'float64', shape: [...shape], blob });
  }
  return entries;
}

/** Reads the tensors back, checking each blob's hash and length against its entry. */
export async function getTensors(store: BlobStore, entries: readonly TensorEntry[]): Promise<Map<string, CheckpointArray>> {
  const out = new Map<string, CheckpointArray>();
  for (const e of entries) {
    const bytes = await store.getBlob(e.blob);
    if (sha256Hex(bytes) !== e.blob.sha256) throw new IntegrityError(`checkpoint: tensor ${e.name}: blob bytes do not hash to ${e.blob.sha256}`);
    const expected = e.shape.reduce((p, q) => p * q, 1) * bytesPerElement(e.dtype);
    if (bytes.length !== expected) throw new IntegrityError(`checkpoint: tensor ${e.name}: blob has ${bytes.length} bytes, ${e.dtype}[${e.shape.join(',')}] needs ${expected}`);
    const aligned = bytes.slice().buffer;
    out.set(e.name, e.dtype === 'float32' ? new Float32Array(aligned) : new Float64Array(aligned));
  }
  return out;
}

export interface CheckpointContents {
  weights: Map<string, CheckpointArray>;
  optimizerTensors: Map<string, CheckpointArray>;
}

/** Stores weights and optimizer moments, and returns the validated manifest (committing it is the caller's call). */
export async function saveCheckpoint(
  store: BlobStore,
  fields: Omit<CheckpointFields, 'tensors' | 'optimizer'> & { optimizer: (Omit<OptimizerState, 'tensors'> & { tensors: NamedArrays }) | null },
  weights: NamedArrays,
): Promise<CheckpointManifest> {
  const tensors = await putTensors(store, weights);
  const optimizer = fields.optimizer && { kind: fields.optimizer.kind, state: fields.optimizer.state, tensors: await putTensors(store, fields.optimizer.tensors) };
  return buildCheckpointManifest({ ...fields, tensors, optimizer });
}

/** Validates a manifest against its config, then loads its tensors. */
export async function loadCheckpoint(store: BlobStore, manifest: unknown): Promise<CheckpointManifest & CheckpointContents> {
  const m = validateCheckpoint(manifest);
  return { ...m, weights: await getTensors(store, m.tensors), optimizerTensors: m.optimizer ? await getTensors(store, m.optimizer.tensors) : new Map() };
}
