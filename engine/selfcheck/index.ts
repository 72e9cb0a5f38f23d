export { GRADCHECK_MAX_RELATIVE_ERROR, gradcheckModel } from './gradcheckModel';
export type { GradcheckModelResult } from './gradcheckModel';
export { GRADCHECK_MODEL, gradcheckModelConfig } from './gradcheckBatch';
