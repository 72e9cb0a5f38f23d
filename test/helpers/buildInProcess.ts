/** A dataset built the way the buildDataset workflow builds it, without Temporal or a store. */
import type { BuilderConfig, DatasetBuilder } from '../../datasets/datasetBuilder';

/** Every stage, chunk by chunk, each chunk fed the same-index chunks of its upstream stages; then the assembly. */
export function buildInProcess<Config extends BuilderConfig>(
  builder: DatasetBuilder<Config>,
  config: Config,
): { records: Uint8Array; card: Record<string, unknown> } {
  const outputs = new Map<string, Uint8Array[]>();
  for (const stage of builder.stages(config)) {
    const chunks: Uint8Array[] = [];
    for (let index = 0; index < builder.chunkCount(config, stage); index++) {
      chunks.push(builder.computeChunk({ stage, config, index, inputs: builder.upstream(stage).map((up) => outputs.get(up)![index]) }));
    }
    outputs.set(stage, chunks);
  }
  return builder.assemble(config, builder.recordStages(config).map((stage) => ({ stage, chunks: outputs.get(stage)! })));
}
