/**
 * LongTraceRL records, one chunk at a time: each question's walk, the search agent's trajectory over the corpus
 * in the question's language, and the tiered context built from it. A chunk depends only on the config, the graph
 * and its index, so a stage resumes chunk by chunk; the three steps are exported for stages that split them.
 */
import { contextLength, renderDocument } from './corpus';
import { DatasetConfig } from './datasetConfig';
import { KnowledgeGraph } from './knowledgeGraph';
import { chunkRange, DatasetChunk, MultiHopQuestion, questionRng, sampleQuestion } from './multiHopQuestion';
import { emptyYield, Walk, walkEntities } from './randomWalks';
import { runSearchAgent, searchIndexFor, Trajectory } from './searchAgent';
import { buildTieredContext, ContextDocument, maxContextLength, tiersFromTrajectory } from './tieredDistractors';

export interface LongTraceRecord extends MultiHopQuestion {
  documents: ContextDocument[];
  trajectory: Trajectory;
}

/**
 * The agent's whole-question search returns one result per this many characters of target context: enough to
 * fill it even from the shortest documents (a language's or a city's, about 25 characters).
 */
export const CONTEXT_CHARS_PER_QUESTION_RESULT = 20;

export function buildLongTraceChunk(
  graph: KnowledgeGraph,
  config: DatasetConfig,
  chunkIndex: number,
  chunkSize: number,
): DatasetChunk<LongTraceRecord> {
  const { start, end } = chunkRange(config, chunkIndex, chunkSize);
  const stats = emptyYield();
  const records: LongTraceRecord[] = [];
  for (let index = start; index < end; index++) {
    const { walk, question } = sampleQuestion(graph, config, index, stats, goldFitsContext(graph, config.contextChars));
    const trajectory = searchQuestion(graph, walk, question, config.contextChars);
    const documents = contextOf(graph, config, index, walk, question, trajectory);
    records.push({ ...question, documents, trajectory });
  }
  return { chunkIndex, records, yield: stats };
}

/** A walk filter: the context must hold every gold document, so walks whose documents alone overflow it are rejected. */
export function goldFitsContext(graph: KnowledgeGraph, contextChars: number) {
  const longest = maxContextLength(contextChars);
  return (walk: Walk, language: string): string | undefined =>
    contextLength(walkEntities(walk).map((id) => renderDocument(graph, id, language))) > longest
      ? 'gold_longer_than_context'
      : undefined;
}

export function searchQuestion(graph: KnowledgeGraph, walk: Walk, question: MultiHopQuestion, contextChars: number): Trajectory {
  return runSearchAgent(graph, searchIndexFor(graph, question.language), walk, question.language, question.question, {
    questionResults: Math.ceil(contextChars / CONTEXT_CHARS_PER_QUESTION_RESULT),
  });
}

/** The tiered, shuffled context of question `index` (its own RNG stream). */
export function contextOf(
  graph: KnowledgeGraph,
  config: DatasetConfig,
  index: number,
  walk: Walk,
  question: MultiHopQuestion,
  trajectory: Trajectory,
): ContextDocument[] {
  const documents = searchIndexFor(graph, question.language).documents;
  const doc = (id: string) => documents.get(id)!;
  const goldIds = walkEntities(walk);
  const { tier1, tier2 } = tiersFromTrajectory(trajectory, goldIds);
  return buildTieredContext(
    { gold: goldIds.map(doc), tier1: tier1.map(doc), tier2: tier2.map(doc) },
    config.contextChars,
    questionRng(config, index, 'context'),
    config.minPerTier,
  );
}
