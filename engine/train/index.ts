export { sftLoss } from './sftLoss';
export { adamwStep, globalNorm } from './adamw';
export type { AdamwHyper, AdamwTensors } from './adamw';
export { HYPERPARAMETERS, sftTrainStepGraph } from './sftTrainStep';
