/**
 * The knowledge-graph builders of buildDataset. Both walk the same graph and write multi-hop questions, but build
 * different records: `kgQuestions` gives each question one long context of gold documents and tiered distractors
 * (from a search agent's trajectory; its walks must fit the context), `kgPairs` gives it two contexts that differ in
 * one fact. Each stage is a pure function of (config, chunk index, upstream chunks): graph -> corpus -> questions ->
 * search -> contexts (kgQuestions) or pairs (kgPairs). Question chunks line up across stages, so chunk i of a stage
 * reads chunk i of the stages before it.
 */
import { z } from 'zod';
import { canonicalJson } from '../core/canonicalJson';
import { InputError } from '../core/errors';
import { buildContrastivePair, type ContrastivePair } from './contrastivePairs';
import { buildCorpus } from './corpus';
import { buildDatasetCard, KG_DATASET_GENERATOR } from './datasetCard';
import type { DatasetBuilder } from './datasetBuilder';
import { KG_KINDS, parseDatasetConfig, type DatasetConfig, type KgBuilderName } from './datasetConfig';
import type { KnowledgeGraph } from './knowledgeGraph';
import { loadKnowledgeGraph } from './knowledgeGraphs';
import { contextOf, goldFitsContext, searchQuestion } from './longtraceQuestions';
import { chunkCount, chunkRange, questionRng, sampleQuestion, type DatasetChunk, type MultiHopQuestion } from './multiHopQuestion';
import { emptyYield, type Walk } from './randomWalks';
import type { Trajectory } from './searchAgent';
import type { ContextDocument } from './tieredDistractors';

const KG_STAGES = ['graph', 'corpus', 'questions', 'search', 'contexts', 'pairs'] as const;

export type KgStage = (typeof KG_STAGES)[number];

/** A dataset config plus the chunk size, which decides the resumable unit and so is part of the dataset id. */
export type KgDatasetConfig = DatasetConfig & { chunkSize: number };

const DEFAULT_CHUNK_SIZE = 25;

export function resolveKgConfig(raw: unknown): KgDatasetConfig {
  const { chunkSize = DEFAULT_CHUNK_SIZE, ...rest } = (raw ?? {}) as Record<string, unknown>;
  const parsedChunkSize = z.number().int().positive().safeParse(chunkSize);
  if (!parsedChunkSize.success) throw new InputError(`invalid dataset config: config.chunkSize must be a positive integer, got ${JSON.stringify(chunkSize)}`);
  return { ...parseDatasetConfig(rest), chunkSize: parsedChunkSize.data };
}

export function kgStagesFor(config: KgDatasetConfig): KgStage[] {
  return config.builder === 'kgQuestions'
    ? ['graph', 'corpus', 'questions', 'search', 'contexts']
    : ['graph', 'corpus', 'questions', 'pairs'];
}

/** The stages whose chunks become the records; the graph and the corpus are kept for audit and reuse. */
export function recordStagesFor(config: KgDatasetConfig): KgStage[] {
  return kgStagesFor(config).filter((stage) => stage !== 'graph' && stage !== 'corpus');
}

/** The stages whose chunk i feeds this stage's chunk i. */
export function upstreamOf(stage: KgStage): KgStage[] {
  return { graph: [], corpus: [], questions: [], search: ['questions'], contexts: ['questions', 'search'], pairs: ['questions'] }[stage] as KgStage[];
}

export function chunkCountOf(config: KgDatasetConfig, stage: KgStage): number {
  if (stage === 'graph') return 1;
  if (stage === 'corpus') return config.languages.length;
  return chunkCount(config, config.chunkSize);
}

export interface KgChunkInput {
  stage: KgStage;
  config: KgDatasetConfig;
  index: number;
  inputs: Uint8Array[];
}

interface QuestionsChunk extends DatasetChunk<{ question: MultiHopQuestion; walk: Walk }> {}
interface SearchChunk {
  trajectories: Trajectory[];
}
interface ContextsChunk {
  documents: ContextDocument[][];
}
interface PairsChunk {
  pairs: ContrastivePair[];
}

export function computeKgChunk({ stage, config, index, inputs }: KgChunkInput): Uint8Array {
  const graph = loadKnowledgeGraph(config.kg);
  const [first, second] = inputs.map((bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')));
  switch (stage) {
    case 'graph':
      return jsonl([...[...graph.entities.values()].map((entity) => ({ entity })), ...graph.facts.map((fact) => ({ fact }))]);
    case 'corpus':
      return jsonl(buildCorpus(graph, config.languages[index]));
    case 'questions':
      return json(questionsChunk(graph, config, index));
    case 'search':
      return json(searchChunk(graph, config, first as QuestionsChunk));
    case 'contexts':
      return json(contextsChunk(graph, config, first as QuestionsChunk, second as SearchChunk));
    case 'pairs':
      return json(pairsChunk(graph, config, first as QuestionsChunk));
  }
}

function questionsChunk(graph: KnowledgeGraph, config: KgDatasetConfig, chunkIndex: number): QuestionsChunk {
  const { start, end } = chunkRange(config, chunkIndex, config.chunkSize);
  const stats = emptyYield();
  // A kgQuestions context must hold every gold document, so walks whose documents alone overflow it are rejected.
  const filter = config.builder === 'kgQuestions' ? goldFitsContext(graph, config.contextChars) : undefined;
  const records = [];
  for (let index = start; index < end; index++) records.push(sampleQuestion(graph, config, index, stats, filter));
  return { chunkIndex, records, yield: stats };
}

function searchChunk(graph: KnowledgeGraph, config: KgDatasetConfig, questions: QuestionsChunk): SearchChunk {
  return {
    trajectories: questions.records.map(({ question, walk }) => searchQuestion(graph, walk, question, config.contextChars)),
  };
}

function contextsChunk(graph: KnowledgeGraph, config: KgDatasetConfig, questions: QuestionsChunk, search: SearchChunk): ContextsChunk {
  const { start } = chunkRange(config, questions.chunkIndex, config.chunkSize);
  return {
    documents: questions.records.map(({ question, walk }, i) =>
      contextOf(graph, config, start + i, walk, question, search.trajectories[i]),
    ),
  };
}

function pairsChunk(graph: KnowledgeGraph, config: KgDatasetConfig, questions: QuestionsChunk): PairsChunk {
  const { start } = chunkRange(config, questions.chunkIndex, config.chunkSize);
  return {
    pairs: questions.records.map(({ question, walk }, i) =>
      buildContrastivePair(graph, walk, question.language, questionRng(config, start + i, 'pair'), config.changeHop),
    ),
  };
}

/** Joins the record stages chunk by chunk into the dataset's JSONL and its card. */
export function assembleKgDataset(
  config: KgDatasetConfig,
  stageChunks: Array<{ stage: KgStage; chunks: Uint8Array[] }>,
): { records: Uint8Array; card: Record<string, unknown> } {
  const parsed = (stage: KgStage) =>
    (stageChunks.find((s) => s.stage === stage)?.chunks ?? []).map((bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')));
  const questions = parsed('questions') as QuestionsChunk[];
  const search = parsed('search') as SearchChunk[];
  const contexts = parsed('contexts') as ContextsChunk[];
  const pairs = parsed('pairs') as PairsChunk[];
  const chunks = questions.map((chunk, c) => ({
    chunkIndex: chunk.chunkIndex,
    yield: chunk.yield,
    records: chunk.records.map(({ question }, i) =>
      config.builder === 'kgQuestions'
        ? { ...question, documents: contexts[c].documents[i], trajectory: search[c].trajectories[i] }
        : { ...question, ...pairs[c].pairs[i] },
    ),
  }));
  return {
    records: jsonl(chunks.flatMap((chunk) => chunk.records)),
    card: buildDatasetCard(config, chunks) as unknown as Record<string, unknown>,
  };
}

/** A knowledge-graph builder: both share the stage code, and `config.builder` picks the stages. */
function kgBuilder(name: KgBuilderName, summary: string): DatasetBuilder<KgDatasetConfig> {
  return {
    generator: KG_DATASET_GENERATOR,
    kind: KG_KINDS[name],
    summary,
    resolveConfig(raw) {
      const config = resolveKgConfig(raw);
      if (config.builder !== name) throw new InputError(`invalid dataset config: config.builder: the ${name} builder got "${config.builder}"`);
      return config;
    },
    stages: kgStagesFor,
    upstream: (stage) => upstreamOf(kgStage(stage)),
    chunkCount: (config, stage) => chunkCountOf(config, kgStage(stage)),
    computeChunk: ({ stage, ...input }) => computeKgChunk({ ...input, stage: kgStage(stage) }),
    recordStages: recordStagesFor,
    assemble: (config, stageChunks) =>
      assembleKgDataset(config, stageChunks.map(({ stage, chunks }) => ({ stage: kgStage(stage), chunks }))),
  };
}

export const kgQuestionsBuilder = kgBuilder(
  'kgQuestions',
  'knowledge-graph multi-hop questions, each with one long context of gold documents and tiered distractors',
);

export const kgPairsBuilder = kgBuilder(
  'kgPairs',
  'knowledge-graph multi-hop questions, each with two contexts that differ in one fact',
);

function kgStage(stage: string): KgStage {
  if (!(KG_STAGES as readonly string[]).includes(stage)) throw new Error(`knowledge-graph datasets have no stage "${stage}"`);
  return stage as KgStage;
}

function json(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value));
}

function jsonl(values: readonly unknown[]): Uint8Array {
  return Buffer.from(values.map((value) => `${canonicalJson(value)}\n`).join(''));
}
