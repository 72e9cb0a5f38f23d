export * from './safetensors';
export * from './checkpoint';
export * from './huggingfaceConfig';
export * from './huggingfaceWeights';
export * from './huggingfaceTokenizerFiles';
export * from './huggingfaceImport';
export * from './huggingfaceExport';
