export { gradients } from './gradients';
export { gradientRules } from './rules';
export type { GradientRule } from './rules';
export { gradcheck } from './gradcheck';
export type { GradcheckInput, GradcheckOptions, GradcheckResult } from './gradcheck';
