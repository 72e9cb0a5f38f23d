/**
 * What `buildDataset` needs of a dataset recipe: a validated config, a list of stages each cut into chunks that are
 * pure functions of (config, chunk index, upstream chunks), and an assembly of the record stages into JSONL and a
 * card. The workflow and its activities only ever see this interface, so a new recipe adds no orchestration code.
 */
export interface DatasetRecipe<Config extends { recipe: string; chunkSize: number } = { recipe: string; chunkSize: number }> {
  /** Bumped whenever the same config would produce different records; part of the dataset id. */
  generator: string;
  /** Validates a raw request (throws an InputError naming the field) and fills in defaults. */
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
