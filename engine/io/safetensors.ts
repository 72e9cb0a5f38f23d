import { InputError } from '../../core/errors';

/** Element types this reader understands; BF16 and F16 are widened to Float32Array on read. */
export type SafetensorsDType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'U8' | 'BOOL';
/** Element types this writer produces (the engine computes in these). */
export type WritableDType = 'F64' | 'F32' | 'I64';

export type TensorData = Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array;

export interface StoredTensor {
  /** The dtype in the file (a BF16 tensor keeps 'BF16' although its data is a Float32Array). */
  dtype: SafetensorsDType;
  shape: number[];
  data: TensorData;
}

export interface WritableTensor {
  dtype: WritableDType;
  shape: readonly number[];
  data: Float64Array | Float32Array | BigInt64Array;
}

export interface Safetensors {
  tensors: Map<string, StoredTensor>;
  metadata: Record<string, string>;
}

const BYTES_PER_ELEMENT: Record<SafetensorsDType, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, U8: 1, BOOL: 1 };
const HEADER_LENGTH_BYTES = 8;
/** The reference implementation refuses headers above 100 MB; so do we, before allocating anything. */
const MAX_HEADER_BYTES = 100_000_000;

function fail(why: string): never {
  throw new InputError(`safetensors: ${why}`);
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}

/**
 * Parses a safetensors file: an 8-byte little-endian header length, a JSON header of
 * `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}` and the data, offsets relative to its start.
 * Every claim of the header is checked against the bytes, so a truncated file or a lying header is an error that
 * names the tensor, never a garbage array.
 */
export function readSafetensors(bytes: Uint8Array): Safetensors {
  if (bytes.length < HEADER_LENGTH_BYTES) fail(`file of ${bytes.length} bytes is too short for the 8-byte header length (truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) fail(`header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit (not a safetensors file?)`);
  const dataStart = HEADER_LENGTH_BYTES + Number(headerLength);
  if (dataStart > bytes.length) fail(`header claims ${headerLength} bytes but the file has only ${bytes.length - HEADER_LENGTH_BYTES} after the length (truncated)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_LENGTH_BYTES, dataStart)));
  } catch (e) {
    fail(`header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header must be a JSON object');
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, StoredTensor>();
  let metadata: Record<string, string> = {};
  const spans: Array<{ name: string; begin: number; end: number }> = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(entry);
      continue;
    }
    const { dtype, shape, begin, end } = readEntry(name, entry);
    const expected = elementCount(shape) * BYTES_PER_ELEMENT[dtype];
    if (end - begin !== expected) fail(`tensor ${name}: data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but ${dtype}[${shape.join(',')}] needs ${expected}`);
    if (end > dataLength) fail(`tensor ${name}: data ends at byte ${end} of the data section, which has only ${dataLength} bytes (truncated)`);
    tensors.set(name, { dtype, shape, data: decode(dtype, bytes.subarray(dataStart + begin, dataStart + end)) });
    spans.push({ name, begin, end });
  }
  checkCoverage(spans, dataLength);
  return { tensors, metadata };
}

function readMetadata(entry: unknown): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail('__metadata__ must be an object of strings');
  for (const [k, v] of Object.entries(entry)) if (typeof v !== 'string') fail(`__metadata__.${k} must be a string, got ${JSON.stringify(v)}`);
  return { ...(entry as Record<string, string>) };
}

function readEntry(name: string, entry: unknown): { dtype: SafetensorsDType; shape: number[]; begin: number; end: number } {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof e !== 'object' || e === null) fail(`tensor ${name}: entry must be an object`);
  if (typeof e.dtype !== 'string' || !(e.dtype in BYTES_PER_ELEMENT)) fail(`tensor ${name}: dtype ${JSON.stringify(e.dtype)} is not one of ${Object.keys(BYTES_PER_ELEMENT).join(', ')}`);
  const isCount = (d: unknown): d is number => Number.isSafeInteger(d) && (d as number) >= 0;
  if (!Array.isArray(e.shape) || !e.shape.every(isCount)) fail(`tensor ${name}: shape must be a list of non-negative integers, got ${JSON.stringify(e.shape)}`);
  const offsets = e.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    fail(`tensor ${name}: data_offsets must be [begin, end] with 0 <= begin <= end, got ${JSON.stringify(offsets)}`);
  }
  return { dtype: e.dtype as SafetensorsDType, shape: e.shape as number[], begin: offsets[0] as number, end: offsets[1] as number };
}

/** The format forbids holes and overlaps: together the tensors cover the data section exactly. */
function checkCoverage(spans: Array<{ name: string; begin: number; end: number }>, dataLength: number): void {
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const s of spans) {
    if (s.begin < cursor) fail(`tensor ${s.name}: data_offsets [${s.begin}, ${s.end}] overlap the previous tensor (which ends at ${cursor})`);
    if (s.begin > cursor) fail(`tensor ${s.name}: data starts at ${s.begin}, leaving a hole after byte ${cursor}`);
    cursor = s.end;
  }
  if (cursor !== dataLength) fail(`tensors cover ${cursor} bytes but the data section has ${dataLength} (trailing bytes)`);
}

/** Copies (the data may not be aligned for a typed-array view) and widens the 16-bit floats. */
function decode(dtype: SafetensorsDType, raw: Uint8Array): TensorData {
  // new Uint8Array(view) copies; a Buffer's slice() would not, and .buffer would then be the whole file.
  const aligned = new Uint8Array(raw).buffer;
  switch (dtype) {
    case 'F64':
      return new Float64Array(aligned);
    case 'F32':
      return new Float32Array(aligned);
    case 'I64':
      return new BigInt64Array(aligned);
    case 'I32':
      return new Int32Array(aligned);
    case 'U8':
    case 'BOOL':
      return new Uint8Array(aligned);
    case 'BF16':
      return Float32Array.from(new Uint16Array(aligned), bfloat16ToNumber);
    case 'F16':
      return Float32Array.from(new Uint16Array(aligned), float16ToNumber);
  }
}

/** bfloat16 is the top half of a float32. */
function bfloat16ToNumber(bits: number): number {
  return new Float32Array(new Uint32Array([bits << 16]).buffer)[0];
}

function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const ARRAY_OF: Record<WritableDType, new (n: number) => WritableTensor['data']> = { F64: Float64Array, F32: Float32Array, I64: BigInt64Array };

/**
 * Serializes tensors in name order (equal inputs give equal bytes, so a content hash identifies them); the header is
 * padded with spaces to a multiple of 8 bytes so every tensor starts aligned.
 */
export function writeSafetensors(tensors: ReadonlyMap<string, WritableTensor> | Record<string, WritableTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const entries: Array<[string, WritableTensor]> = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = Object.keys(metadata).length > 0 ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') fail('a tensor cannot be named __metadata__');
    if (!(t.data instanceof ARRAY_OF[t.dtype])) fail(`tensor ${name}: dtype ${t.dtype} needs a ${ARRAY_OF[t.dtype].name}, got ${t.data.constructor.name}`);
    if (t.data.length !== elementCount(t.shape)) fail(`tensor ${name}: shape [${t.shape.join(',')}] needs ${elementCount(t.shape)} elements, got ${t.data.length}`);
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length));
  const out = new Uint8Array(HEADER_LENGTH_BYTES + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, HEADER_LENGTH_BYTES);
  let cursor = HEADER_LENGTH_BYTES + json.length;
  for (const [, t] of entries) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), cursor);
    cursor += t.data.byteLength;
  }
  return out;
}
