/** The generator's configuration and its validation: every mistake is an InputError that says what to fix. */
import { z } from 'zod';
import { InputError } from '../../core/errors';
import { isMathLanguage, MATH_LANGUAGES, type MathLanguage } from './languages';
import { TEMPLATE_IDS, templateHops, type TemplateId } from './templates';

export const mathConfigSchema = z
  .object({
    languages: z.array(z.string()).min(1),
    problemsPerLanguage: z.number().int().min(1),
    maxSteps: z.number().int().min(1).max(4),
    seed: z.union([z.number().int(), z.string().min(1)]),
    /** The first `evalPerLanguage` problems of each language are eval; the issue asks for at least 200 in datasets. */
    evalPerLanguage: z.number().int().min(0).default(200),
    /** Draw only these templates (default: all); e.g. the few a tiny model can learn within minutes. */
    templates: z.array(z.enum(TEMPLATE_IDS as [TemplateId, ...TemplateId[]])).min(1).optional(),
  })
  .strict();

export interface MathConfig {
  languages: MathLanguage[];
  problemsPerLanguage: number;
  maxSteps: number;
  seed: number | string;
  evalPerLanguage: number;
  templates?: TemplateId[];
}

export function validateMathConfig(raw: unknown): MathConfig {
  const parsed = mathConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new InputError(`invalid math dataset config: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const unknown = config.languages.filter((l) => !isMathLanguage(l));
  if (unknown.length > 0) {
    throw new InputError(
      `invalid math dataset config: languages: unknown language${unknown.length > 1 ? 's' : ''} ${unknown.map((l) => `"${l}"`).join(', ')}; ` +
        `supported: ${MATH_LANGUAGES.join(', ')}`,
    );
  }
  const duplicates = config.languages.filter((l, i) => config.languages.indexOf(l) !== i);
  if (duplicates.length > 0) throw new InputError(`invalid math dataset config: languages: listed twice: ${duplicates.join(', ')}`);
  const tooLong = (config.templates ?? []).filter((id) => templateHops(id) > config.maxSteps);
  if (tooLong.length > 0) throw new InputError(`templates ${tooLong.join(', ')} take more than maxSteps (${config.maxSteps}) steps`);
  if (config.evalPerLanguage > config.problemsPerLanguage) {
    throw new InputError(
      `invalid math dataset config: evalPerLanguage (${config.evalPerLanguage}) exceeds problemsPerLanguage (${config.problemsPerLanguage})`,
    );
  }
  return { ...config, languages: config.languages as MathLanguage[] };
}
