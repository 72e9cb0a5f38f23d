/** The knowledge-graph dataset config and its validation: every bad value is an InputError naming its field. */
import { z } from 'zod';
import { InputError } from '../core/errors';
import { KNOWLEDGE_GRAPH_KINDS, supportedLanguages } from './questionTemplates';
import { MAX_HOPS } from './randomWalks';

export const datasetConfigSchema = z
  .object({
    recipe: z.enum(['longtrace', 'contextrl']),
    kg: z.enum(KNOWLEDGE_GRAPH_KINDS),
    questions: z.number().int().positive(),
    languages: z.array(z.string().min(1)).min(1),
    hops: z
      .object({ min: z.number().int().min(1).max(MAX_HOPS), max: z.number().int().min(1).max(MAX_HOPS) })
      .refine((hops) => hops.min <= hops.max, { message: 'hops.min must not exceed hops.max' }),
    /** Target context length in characters (UTF-16 code units); contexts land within 5% of it. */
    contextChars: z.number().int().min(200),
    seed: z.union([z.number().int(), z.string().min(1)]),
  })
  .strict();

export type DatasetConfig = z.infer<typeof datasetConfigSchema>;

export function parseDatasetConfig(raw: unknown): DatasetConfig {
  const parsed = datasetConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `config.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new InputError(`invalid dataset config: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const supported = supportedLanguages(config.kg);
  const unsupported = config.languages.filter((language) => !supported.includes(language));
  if (unsupported.length > 0) {
    throw new InputError(
      `invalid dataset config: config.languages: no ${config.kg} question templates for ${unsupported.map((l) => `'${l}'`).join(', ')}; ` +
        `supported: ${supported.join(', ')}`,
    );
  }
  return config;
}
