/** The card of a math dataset: how many problems of each language, split, step count and template it holds. */
import type { DatasetKind } from '../datasetKind';
import type { MathDatasetConfig } from './mathBuilder';
import type { MathProblem } from './generate';

export interface MathDatasetCard {
  format: 'drl-math-dataset-card/1';
  generator: string;
  builder: MathDatasetConfig['builder'];
  kind: DatasetKind;
  seed: MathDatasetConfig['seed'];
  config: MathDatasetConfig;
  records: number;
  counts: {
    byLanguage: Record<string, { train: number; eval: number }>;
    bySplit: { train: number; eval: number };
    /** Problems by number of reference steps. */
    byHops: Record<string, number>;
    byTemplate: Record<string, number>;
  };
}

export function buildMathCard(config: MathDatasetConfig, generator: string, kind: DatasetKind, problems: readonly MathProblem[]): MathDatasetCard {
  const byLanguage: Record<string, { train: number; eval: number }> = {};
  for (const language of config.languages) byLanguage[language] = { train: 0, eval: 0 };
  const bySplit = { train: 0, eval: 0 };
  const byHops: Record<string, number> = {};
  const byTemplate: Record<string, number> = {};
  for (const problem of problems) {
    byLanguage[problem.language][problem.split] += 1;
    bySplit[problem.split] += 1;
    byHops[problem.hops] = (byHops[problem.hops] ?? 0) + 1;
    byTemplate[problem.template] = (byTemplate[problem.template] ?? 0) + 1;
  }
  return {
    format: 'drl-math-dataset-card/1',
    generator,
    builder: config.builder,
    kind,
    seed: config.seed,
    config,
    records: problems.length,
    counts: { byLanguage, bySplit, byHops, byTemplate },
  };
}
