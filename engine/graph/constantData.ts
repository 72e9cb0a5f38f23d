import { onnx } from 'onnx-proto';
import { InputError } from '../../core/errors';
import { DType, onnxDataType } from './dtype';
import { formatShape, staticSize } from './tensor';

/** Values of a constant or an initializer, row-major. */
export interface ConstantData {
  dtype: DType;
  shape: readonly number[];
  values: ArrayLike<number> | readonly boolean[];
}

/** The little-endian bytes ONNX stores in `raw_data`. */
function rawBytes(data: ConstantData): Uint8Array {
  const v = data.values;
  switch (data.dtype) {
    case 'float32':
      return new Uint8Array(Float32Array.from(v as ArrayLike<number>).buffer);
    case 'float64':
      return new Uint8Array(Float64Array.from(v as ArrayLike<number>).buffer);
    case 'int64':
      return new Uint8Array(BigInt64Array.from(Array.from(v as ArrayLike<number>, (x) => BigInt(x))).buffer);
    case 'bool':
      return Uint8Array.from(Array.from(v as ArrayLike<number | boolean>, (x) => (x ? 1 : 0)));
  }
}

export function toTensorProto(name: string, data: ConstantData): onnx.TensorProto {
  const size = staticSize(data.shape);
  if (size !== data.values.length) {
    throw new InputError(`constant ${name}: shape ${formatShape(data.shape)} holds ${size} values, got ${data.values.length}`);
  }
  return onnx.TensorProto.create({
    name,
    dataType: onnxDataType[data.dtype],
    dims: data.shape.slice(),
    rawData: rawBytes(data),
  });
}
