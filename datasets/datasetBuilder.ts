/**
 * What `buildDataset` needs of a dataset builder: a validated config, a list of stages each cut into chunks that are
 * pure functions of (config, chunk index, upstream chunks), and an assembly of the record stages into JSONL and a
 * card. The workflow and its activities only ever see this interface, so a new builder adds no orchestration code.
 */
import type { DatasetKind } from './datasetKind';

/** What every resolved config holds; the rest belongs to its builder. The whole config crosses Temporal as JSON. */
export type BuilderConfig = { builder: string; chunkSize: number };

export interface DatasetBuilder<Config extends BuilderConfig = BuilderConfig> {
  /** Bumped whenever the same config would produce different records; part of the dataset id. */
  generator: string;
  /** What its records are; written into the card and the manifest. */
  kind: DatasetKind;
  /** One line for `drl data build --help`: what the records hold. */
  summary: string;
  /** Validates a canonical request (throws an InputError naming the field) and fills in defaults. */
  resolveConfig(raw: Record<string, unknown>): Config;
  stages(config: Config): string[];
  /** The stages whose chunk i feeds this stage's chunk i. */
  upstream(stage: string): string[];
  chunkCount(config: Config, stage: string): number;
  computeChunk(input: { stage: string; config: Config; index: number; inputs: Uint8Array[] }): Uint8Array;
  /** The stages whose chunks the assembly reads. */
  recordStages(config: Config): string[];
  assemble(config: Config, stageChunks: Array<{ stage: string; chunks: Uint8Array[] }>): { records: Uint8Array; card: Record<string, unknown> };
}
