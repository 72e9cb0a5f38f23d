export * from './modelConfig';
export * from './parameters';
export { transformer, transformerLogits } from './transformer';
export type { LayerCache, TransformerInputs, TransformerOutputs } from './transformer';
