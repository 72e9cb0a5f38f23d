export { buildDataset } from './buildDataset';
