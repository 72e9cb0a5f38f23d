export { GRADCHECK_MAX_RELATIVE_ERROR, GRADCHECK_MODEL, gradcheckModel } from './gradcheckModel';
export type { GradcheckModelResult } from './gradcheckModel';
