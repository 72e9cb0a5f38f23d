/** Multilingual math word problems with reference solutions (issue 4, items 1-2); see README.md. */
export { mathConfigSchema, validateMathConfig, type MathConfig } from './config';
export type { MathOp, StepOp } from './decimal';
export { generateMathProblems, mathProblemCount, splitOf, type MathProblem, type MathSplit, type RubricCheckpoint } from './generate';
export { MATH_LANGUAGES, NUMBER_CONVENTIONS, type MathLanguage } from './languages';
export { canonicalDecimalOf, formatLocaleNumber, formatLocalePercent, parseLocaleDecimal, parseLocaleNumber } from './localeNumbers';
export { TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates';
