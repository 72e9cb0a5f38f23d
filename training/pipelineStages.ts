/**
 * What a stage inherits from its pipeline, as pure functions of plain data: the pipeline workflow calls them, so
 * this file imports types only (the run config's schema pulls in the engine).
 */
import type { PipelineConfig, PipelineStage } from './pipelineConfig';

/** An rl stage's run config with the pipeline's defaults filled in (references left as they are). */
export function stageRunConfig(pipeline: PipelineConfig, stage: Extract<PipelineStage, { kind: 'rl' }>): Record<string, unknown> {
  return { seed: pipeline.seed, threads: pipeline.threads, execution: pipeline.execution, ...(pipeline.dataset ? { dataset: pipeline.dataset } : {}), ...stage.run };
}

/** The dataset request a stage trains or measures on. */
export function stageDataset(pipeline: PipelineConfig, stage: PipelineStage): Record<string, unknown> | undefined {
  return stage.kind === 'rl' ? (stageRunConfig(pipeline, stage).dataset as Record<string, unknown> | undefined) : (stage.dataset ?? pipeline.dataset);
}
