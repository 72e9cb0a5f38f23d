import { onnx } from 'onnx-proto';

/** Element types the engine builds graphs with. */
export type DType = 'float32' | 'float64' | 'int64' | 'bool';

export const onnxDataType: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float64: onnx.TensorProto.DataType.DOUBLE,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}
