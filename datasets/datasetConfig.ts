/** The knowledge-graph dataset config and its validation: every bad value is an InputError naming its field. */
import { z } from 'zod';
import { InputError } from '../core/errors';
import type { DatasetKind } from './datasetKind';
import { KNOWLEDGE_GRAPH_KINDS, supportedLanguages } from './questionTemplates';
import { MAX_HOPS } from './randomWalks';

/** The two knowledge-graph builders: questions with tiered distractor contexts, and contrastive context pairs. */
export const KG_BUILDERS = ['kgQuestions', 'kgPairs'] as const;
export type KgBuilderName = (typeof KG_BUILDERS)[number];

export const KG_KINDS: Readonly<Record<KgBuilderName, DatasetKind>> = { kgQuestions: 'longContext', kgPairs: 'contextPairs' };

/**
 * The name each builder's records were first drawn under (milestone 1's recipe name). It salts every question's
 * random stream and prefixes its id, so it stays: a new one would redraw every question of every dataset.
 */
export const KG_RECORD_STREAMS: Readonly<Record<KgBuilderName, string>> = { kgQuestions: 'longtrace', kgPairs: 'contextrl' };

export const datasetConfigSchema = z
  .object({
    builder: z.enum(KG_BUILDERS),
    kg: z.enum(KNOWLEDGE_GRAPH_KINDS),
    questions: z.number().int().positive(),
    languages: z.array(z.string().min(1)).min(1),
    hops: z
      .object({ min: z.number().int().min(1).max(MAX_HOPS), max: z.number().int().min(1).max(MAX_HOPS) })
      .refine((hops) => hops.min <= hops.max, { message: 'hops.min must not exceed hops.max' }),
    /** Target context length in characters (UTF-16 code units); contexts land within 5% of it. */
    contextChars: z.number().int().min(200),
    /**
     * Share of answer entities held out: a question whose answer is one of them is an eval record, so no eval
     * answer is ever trained on. Absent: every record is a training record, as before splits existed.
     */
    evalShare: z.number().gt(0).lt(1).optional(),
    /** kgQuestions: Tier-1 and Tier-2 documents each context takes before filling up with Tier 1, then Tier 2. */
    minPerTier: z.number().int().min(0).optional(),
    /**
     * kgPairs: which hop's fact the second context changes. earlierFirst (the default): a hop before the last where
     * one can be changed, else the last; uniform: any hop that can be, drawn evenly, so the final hop is changed too.
     */
    changeHop: z.enum(['earlierFirst', 'uniform']).optional(),
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
