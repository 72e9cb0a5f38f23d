export * from './modelConfig';
export * from './parameters';
export { transformerLogits } from './transformer';
export type { TransformerInputs } from './transformer';
