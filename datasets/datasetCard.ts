/** The dataset card: what a knowledge-graph dataset holds, how it was drawn, and from which config and seed. */
import { DatasetConfig, KG_KINDS } from './datasetConfig';
import type { DatasetKind } from './datasetKind';
import { DatasetChunk, MultiHopQuestion } from './multiHopQuestion';
import { emptyYield, mergeYields, WalkYield } from './randomWalks';
import { ContextDocument } from './tieredDistractors';

/** Bumped whenever the same config would produce different records. */
export const KG_DATASET_GENERATOR = 'durable-rl/datasets/kg@1';

export interface DatasetCard {
  format: 'drl-kg-dataset-card/1';
  generator: string;
  builder: DatasetConfig['builder'];
  kind: DatasetKind;
  kg: DatasetConfig['kg'];
  seed: DatasetConfig['seed'];
  config: DatasetConfig;
  records: number;
  counts: {
    byLanguage: Record<string, number>;
    byHops: Record<string, number>;
    /** Context documents per tier, over all records (both contexts of a pair). */
    byTier: Record<string, number>;
  };
  yield: WalkYield & { acceptanceRate: number };
}

type CardRecord = MultiHopQuestion & {
  documents?: ContextDocument[];
  contexts?: { A: ContextDocument[]; B: ContextDocument[] };
};

export function buildDatasetCard(config: DatasetConfig, chunks: readonly DatasetChunk<CardRecord>[]): DatasetCard {
  const byLanguage: Record<string, number> = {};
  const byHops: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  const stats = emptyYield();
  let records = 0;
  for (const chunk of [...chunks].sort((a, b) => a.chunkIndex - b.chunkIndex)) {
    mergeYields(stats, chunk.yield);
    for (const record of chunk.records) {
      records++;
      increment(byLanguage, record.language);
      increment(byHops, String(record.hops.length));
      const documents = record.documents ?? [...(record.contexts?.A ?? []), ...(record.contexts?.B ?? [])];
      for (const doc of documents) increment(byTier, doc.tier);
    }
  }
  const attempted = sum(stats.attempted);
  return {
    format: 'drl-kg-dataset-card/1',
    generator: KG_DATASET_GENERATOR,
    builder: config.builder,
    kind: KG_KINDS[config.builder],
    kg: config.kg,
    seed: config.seed,
    config,
    records,
    counts: { byLanguage, byHops, byTier },
    yield: { ...stats, acceptanceRate: attempted === 0 ? 0 : sum(stats.accepted) / attempted },
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
