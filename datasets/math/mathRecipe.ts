/**
 * Multilingual math problems as a buildDataset recipe. LANG, Luar and ExpRL read the same records (LANG the hints,
 * ExpRL the rubric, Luar the English version), so the three recipes share one stage; the recipe name stays in the
 * config, and so in the dataset id, because each method's dataset is its own artifact.
 */
import { z } from 'zod';
import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import type { DatasetRecipe } from '../datasetRecipe';
import { validateMathConfig, type MathConfig } from './config';
import { generateMathProblems, type MathProblem } from './generate';
import { buildMathCard } from './mathCard';

export const MATH_RECIPES = ['lang', 'luar', 'exprl'] as const;

/** Bumped whenever the same config would produce different records. */
export const MATH_DATASET_GENERATOR = 'durable-rl/datasets/math@1';

export type MathDatasetConfig = MathConfig & { recipe: (typeof MATH_RECIPES)[number]; chunkSize: number };

const PROBLEMS_STAGE = 'problems';

const recipeFieldsSchema = z.object({
  recipe: z.enum(MATH_RECIPES),
  /** Problems per chunk (all languages counted): the resumable unit of the stage. */
  chunkSize: z.number().int().positive().default(100),
  maxSteps: z.number().default(4),
});

function resolveMathConfig(raw: Record<string, unknown>): MathDatasetConfig {
  const { recipe, chunkSize, maxSteps, ...rest } = raw;
  const parsed = recipeFieldsSchema.safeParse({ recipe, chunkSize, maxSteps });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new InputError(`invalid math dataset config: ${problems.join('; ')}`);
  }
  const math = validateMathConfig({ ...rest, maxSteps: parsed.data.maxSteps });
  return { ...math, recipe: parsed.data.recipe, chunkSize: parsed.data.chunkSize };
}

function mathConfigOf({ recipe: _recipe, chunkSize: _chunkSize, ...math }: MathDatasetConfig): MathConfig {
  return math;
}

function checkStage(stage: string): void {
  if (stage !== PROBLEMS_STAGE) throw new Error(`math datasets have no stage "${stage}" (only "${PROBLEMS_STAGE}")`);
}

export const mathDatasetRecipe: DatasetRecipe<MathDatasetConfig> = {
  generator: MATH_DATASET_GENERATOR,
  resolveConfig: resolveMathConfig,
  stages: () => [PROBLEMS_STAGE],
  upstream(stage) {
    checkStage(stage);
    return [];
  },
  chunkCount(config, stage) {
    checkStage(stage);
    return Math.ceil((config.languages.length * config.problemsPerLanguage) / config.chunkSize);
  },
  computeChunk({ stage, config, index }) {
    checkStage(stage);
    const problems = generateMathProblems(mathConfigOf(config), index, config.chunkSize);
    return Buffer.from(problems.map((problem) => `${canonicalJson(problem)}\n`).join(''));
  },
  recordStages: () => [PROBLEMS_STAGE],
  // Chunks are JSONL in dataset order, so the records are their concatenation.
  assemble(config, stageChunks) {
    const chunks = stageChunks.find((s) => s.stage === PROBLEMS_STAGE)?.chunks ?? [];
    const records = Buffer.concat(chunks);
    const problems = records
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as MathProblem);
    return { records, card: buildMathCard(config, MATH_DATASET_GENERATOR, problems) as unknown as Record<string, unknown> };
  },
};
