export { buildDataset } from './buildDataset';
export { trainingRun } from './trainingRun';
