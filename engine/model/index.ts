export * from './modelConfig';
export * from './parameters';
export { transformer, transformerLogits, vocabularyLogits } from './transformer';
export type { TransformerInputs, TransformerOutputs } from './transformer';
export type { LayerCache, PastCache } from './attention';
export { SCALAR_HEAD_KINDS, lastTokenValues, scalarHeadName, scalarHeadSpec, scalarHeadValues } from './scoreHead';
export type { ScalarHeadKind } from './scoreHead';
