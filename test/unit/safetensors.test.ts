import { readSafetensors, writeSafetensors } from '../../engine/io';

const tensors = {
  'layer0.wq': { dtype: 'F32' as const, shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 4, 5, 6]) },
  embed: { dtype: 'F64' as const, shape: [3], data: Float64Array.from([Math.PI, -1e-300, 7]) },
  step: { dtype: 'I64' as const, shape: [], data: BigInt64Array.from([42n]) },
};

/** A file built by hand from a header object and data bytes, as another writer would. */
function handMade(header: unknown, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  test('round trip keeps dtype, shape, values and metadata; header aligned to 8 bytes', () => {
    const bytes = writeSafetensors(tensors, { producer: 'durable-rl' });
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ producer: 'durable-rl' });
    for (const [name, t] of Object.entries(tensors)) expect(back.tensors.get(name)).toEqual({ dtype: t.dtype, shape: t.shape, data: t.data });
    // Same tensors in another key order give the same bytes, so a content hash identifies them.
    expect(writeSafetensors({ step: tensors.step, embed: tensors.embed, 'layer0.wq': tensors['layer0.wq'] }, { producer: 'durable-rl' })).toEqual(bytes);
  });

  test('BF16 and F16 are widened to float32', () => {
    // bf16 0x3fc0 = 1.5, 0xc000 = -2; f16 0x3c00 = 1, 0xc100 = -2.5
    const data = new Uint8Array(new Uint16Array([0x3fc0, 0xc000, 0x3c00, 0xc100]).buffer);
    const file = handMade({ a: { dtype: 'BF16', shape: [2], data_offsets: [0, 4] }, b: { dtype: 'F16', shape: [2], data_offsets: [4, 8] } }, data);
    const back = readSafetensors(file);
    expect(Array.from(back.tensors.get('a')!.data as Float32Array)).toEqual([1.5, -2]);
    expect(Array.from(back.tensors.get('b')!.data as Float32Array)).toEqual([1, -2.5]);
  });

  test('truncated files are errors naming what is missing', () => {
    const bytes = writeSafetensors(tensors);
    expect(() => readSafetensors(bytes.subarray(0, 5))).toThrow(/too short for the 8-byte header length/);
    expect(() => readSafetensors(bytes.subarray(0, 20))).toThrow(/header claims \d+ bytes but the file has only 12 .*truncated/);
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/tensor step: data ends at byte \d+ of the data section, which has only \d+ bytes \(truncated\)/);
  });

  test('headers that lie about sizes, holes or dtypes are errors', () => {
    const data = new Uint8Array(16);
    expect(() => readSafetensors(handMade({ x: { dtype: 'F32', shape: [3], data_offsets: [0, 16] } }, data))).toThrow(/tensor x: data_offsets \[0, 16\] hold 16 bytes, but F32\[3\] needs 12/);
    expect(() => readSafetensors(handMade({ x: { dtype: 'F32', shape: [2], data_offsets: [8, 16] } }, data))).toThrow(/tensor x: data starts at 8, leaving a hole/);
    expect(() => readSafetensors(handMade({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, data))).toThrow(/trailing bytes/);
    expect(() => readSafetensors(handMade({ x: { dtype: 'Q4', shape: [2], data_offsets: [0, 16] } }, data))).toThrow(/tensor x: dtype "Q4" is not one of/);
    const garbage = new Uint8Array(16);
    new DataView(garbage.buffer).setBigUint64(0, 4n, true);
    expect(() => readSafetensors(garbage.subarray(0, 12))).toThrow(/header is not valid UTF-8 JSON/);
  });

  test('the writer refuses data that does not fit its shape', () => {
    expect(() => writeSafetensors({ x: { dtype: 'F32', shape: [4], data: new Float32Array(3) } })).toThrow(/tensor x: shape \[4\] needs 4 elements, got 3/);
    expect(() => writeSafetensors({ x: { dtype: 'F64', shape: [1], data: new Float32Array(1) } })).toThrow(/dtype F64 needs a Float64Array, got Float32Array/);
  });
});
