/**
 * One multi-hop question, the part LongTraceRL and ContextRL records share: a unique-answer walk, its question
 * text, the answer and its aliases, and the rubric. Question `index` draws only from its own RNG stream, so any
 * question can be rebuilt without the others.
 */
import { hashOf } from '../core/hash';
import { Rng } from '../core/rng';
import { DatasetConfig, KG_RECORD_STREAMS } from './datasetConfig';
import { entityOf, Fact, KnowledgeGraph, nameOf } from './knowledgeGraph';
import { questionText } from './questionTemplates';
import { answerOf, sampleWalk, Walk, WalkFilter, WalkYield, walkEntities } from './randomWalks';

export interface MultiHopQuestion {
  id: string;
  question: string;
  language: string;
  answer: string;
  answer_aliases: string[];
  hops: Fact[];
  /** Names (in the question's language) of every entity the walk reaches after its start, the answer last. */
  rubric: string[];
  /** With the config's evalShare: whether the answer entity is held out (answerSplit). */
  split?: 'train' | 'eval';
}

/** The records of one chunk and the walk yield that produced them. */
export interface DatasetChunk<T> {
  chunkIndex: number;
  records: T[];
  yield: WalkYield;
}

/** Languages are dealt round-robin, so every language gets its share whatever the chunking. */
export function languageOf(config: DatasetConfig, index: number): string {
  return config.languages[index % config.languages.length];
}

export function questionRng(config: DatasetConfig, index: number, stream: string): Rng {
  return Rng.derive(config.seed, KG_RECORD_STREAMS[config.builder], config.kg, index, stream);
}

export function sampleQuestion(
  graph: KnowledgeGraph,
  config: DatasetConfig,
  index: number,
  stats: WalkYield,
  filter?: (walk: Walk, language: string) => string | undefined,
): { walk: Walk; question: MultiHopQuestion } {
  const language = languageOf(config, index);
  const walkFilter: WalkFilter | undefined = filter && ((walk) => filter(walk, language));
  const walk = sampleWalk(graph, questionRng(config, index, 'walk'), config.hops, stats, { filter: walkFilter });
  const answerId = answerOf(walk);
  const answer = nameOf(graph, answerId, language);
  const answerEntity = entityOf(graph, answerId);
  const aliases = [...new Set([answerEntity.names.en, ...(answerEntity.aliases ?? [])])].filter((a) => a !== answer);
  return {
    walk,
    question: {
      id: `${KG_RECORD_STREAMS[config.builder]}-${config.kg}-${String(index).padStart(6, '0')}`,
      question: questionText(graph, walk, language),
      language,
      answer,
      answer_aliases: aliases,
      hops: walk.hops,
      rubric: walkEntities(walk).slice(1).map((id) => nameOf(graph, id, language)),
      ...(config.evalShare === undefined ? {} : { split: answerSplit(answerId, config.evalShare) }),
    },
  };
}

/**
 * The split of every question whose answer is `answerId`: a function of the entity and the share alone, so every
 * dataset with that share (a kgQuestions and a kgPairs one, any seed) holds out the same answers.
 */
export function answerSplit(answerId: string, evalShare: number): 'train' | 'eval' {
  return parseInt(hashOf(['held-out answer', answerId]).slice(0, 8), 16) / 2 ** 32 < evalShare ? 'eval' : 'train';
}

/** The question indexes chunk `chunkIndex` covers; every chunk but the last holds `chunkSize`. */
export function chunkRange(config: DatasetConfig, chunkIndex: number, chunkSize: number): { start: number; end: number } {
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const start = chunkIndex * chunkSize;
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || start >= config.questions) {
    throw new RangeError(`chunk ${chunkIndex} of size ${chunkSize} is outside ${config.questions} questions`);
  }
  return { start, end: Math.min(config.questions, start + chunkSize) };
}

export function chunkCount(config: DatasetConfig, chunkSize: number): number {
  return Math.ceil(config.questions / chunkSize);
}
