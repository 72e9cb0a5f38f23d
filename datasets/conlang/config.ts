/** The conlang dataset config and its validation: every mistake is an InputError naming the field. */
import { z } from 'zod';
import { InputError } from '../../core/errors';

/**
 * The name conlang records were first drawn under (milestone 1's recipe name). It salts every language's, book's and
 * pair's random stream and prefixes record ids, so it stays: a new one would redraw every language.
 */
export const CONLANG_RECORD_STREAM = 'unseen-mt';

export const DIRECTIONS = ['en->xx', 'xx->en'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Language codes come from ISO 639's private-use range qaa..qtz: 20 x 26 codes. */
export const MAX_LANGUAGES = 520;
export const MAX_PAIRS_PER_LANGUAGE = 20000;

export const conlangConfigSchema = z
  .object({
    builder: z.literal('conlang').default('conlang'),
    trainLanguages: z.number().int().min(0).max(MAX_LANGUAGES),
    testLanguages: z.number().int().min(0).max(MAX_LANGUAGES),
    pairsPerLanguage: z.number().int().min(1).max(MAX_PAIRS_PER_LANGUAGE),
    /** Numbered parallel examples in each grammar book (the grammar passages add five illustrations of their own). */
    bookExamples: z.number().int().min(0).max(200).default(12),
    /** Pair k of a language takes directions[k % directions.length]. */
    directions: z.array(z.enum(DIRECTIONS)).min(1).default([...DIRECTIONS]),
    seed: z.union([z.number().int(), z.string().min(1)]),
    /** Languages per chunk of each stage: the resumable unit. */
    chunkSize: z.number().int().min(1).default(1),
  })
  .strict();

export type ConlangConfig = z.infer<typeof conlangConfigSchema>;

export function resolveConlangConfig(raw: Record<string, unknown>): ConlangConfig {
  const parsed = conlangConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `config${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
    throw new InputError(`invalid conlang dataset config: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const total = config.trainLanguages + config.testLanguages;
  if (total < 1 || total > MAX_LANGUAGES) {
    throw new InputError(
      `invalid conlang dataset config: config.trainLanguages + config.testLanguages must be 1..${MAX_LANGUAGES}, got ${total}`,
    );
  }
  const repeated = config.directions.filter((d, i) => config.directions.indexOf(d) !== i);
  if (repeated.length > 0) throw new InputError(`invalid conlang dataset config: config.directions lists "${repeated[0]}" twice`);
  return config;
}
