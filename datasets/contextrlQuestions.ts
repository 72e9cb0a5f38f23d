/**
 * ContextRL records, one chunk at a time: a multi-hop question with its contrastive pair of contexts. A chunk
 * depends only on the config, the graph and its index, so a stage resumes chunk by chunk.
 */
import { buildContrastivePair, ContrastivePair } from './contrastivePairs';
import { DatasetConfig } from './datasetConfig';
import { KnowledgeGraph } from './knowledgeGraph';
import { chunkRange, DatasetChunk, MultiHopQuestion, questionRng, sampleQuestion } from './multiHopQuestion';
import { emptyYield } from './randomWalks';

export interface ContextRLRecord extends MultiHopQuestion, ContrastivePair {}

export function buildContextRLChunk(
  graph: KnowledgeGraph,
  config: DatasetConfig,
  chunkIndex: number,
  chunkSize: number,
): DatasetChunk<ContextRLRecord> {
  const { start, end } = chunkRange(config, chunkIndex, chunkSize);
  const stats = emptyYield();
  const records: ContextRLRecord[] = [];
  for (let index = start; index < end; index++) {
    const { walk, question } = sampleQuestion(graph, config, index, stats);
    const pair = buildContrastivePair(graph, walk, question.language, questionRng(config, index, 'pair'), config.changeHop);
    records.push({ ...question, ...pair });
  }
  return { chunkIndex, records, yield: stats };
}
