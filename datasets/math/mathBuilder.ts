/**
 * Multilingual math problems as a buildDataset builder. LANG, Luar and ExpRL read the same records (LANG the hints,
 * ExpRL the rubric, Luar the English version), so one builder serves all three: the same config is one dataset,
 * whichever method reads it.
 */
import { z } from 'zod';
import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import type { DatasetBuilder } from '../datasetBuilder';
import { validateMathConfig, type MathConfig } from './config';
import { generateMathProblems, type MathProblem } from './generate';
import { buildMathCard } from './mathCard';

/** Bumped whenever the same config would produce different records. */
export const MATH_DATASET_GENERATOR = 'durable-rl/datasets/math@1';

export type MathDatasetConfig = MathConfig & { builder: 'math'; chunkSize: number };

const PROBLEMS_STAGE = 'problems';

const builderFieldsSchema = z.object({
  builder: z.literal('math'),
  /** Problems per chunk (all languages counted): the resumable unit of the stage. */
  chunkSize: z.number().int().positive().default(100),
  maxSteps: z.number().default(4),
});

function resolveMathConfig(raw: Record<string, unknown>): MathDatasetConfig {
  const { builder, chunkSize, maxSteps, ...rest } = raw;
  const parsed = builderFieldsSchema.safeParse({ builder, chunkSize, maxSteps });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new InputError(`invalid math dataset config: ${problems.join('; ')}`);
  }
  const math = validateMathConfig({ ...rest, maxSteps: parsed.data.maxSteps });
  return { ...math, builder: parsed.data.builder, chunkSize: parsed.data.chunkSize };
}

function mathConfigOf({ builder: _builder, chunkSize: _chunkSize, ...math }: MathDatasetConfig): MathConfig {
  return math;
}

function checkStage(stage: string): void {
  if (stage !== PROBLEMS_STAGE) throw new Error(`math datasets have no stage "${stage}" (only "${PROBLEMS_STAGE}")`);
}

export const mathBuilder: DatasetBuilder<MathDatasetConfig> = {
  generator: MATH_DATASET_GENERATOR,
  kind: 'math',
  summary: 'multilingual math word problems (1-4 steps): reference solutions, hints, rubrics, English text',
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
    return { records, card: buildMathCard(config, MATH_DATASET_GENERATOR, mathBuilder.kind, problems) as unknown as Record<string, unknown> };
  },
};
