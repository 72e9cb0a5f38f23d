export { buildDataset } from './buildDataset';
export { pipelineRun } from './pipelineRun';
export { trainingRun } from './trainingRun';
