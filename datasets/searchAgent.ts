/**
 * BM25 search over a corpus (MiniSearch) and a search agent that attempts a walk's question hop by hop. The agent
 * queries the current entity's name with the relation's words, reads the top results to compare them, cites the
 * current entity's document, and moves on along the link that document gives; at the end it searches the whole
 * question for anything it missed. What it opened without citing and what it saw without opening become the
 * distractor tiers.
 */
import MiniSearch from 'minisearch';
import { KnowledgeGraph, nameOf } from './knowledgeGraph';
import { buildCorpus, Document } from './corpus';
import { relationLabel } from './questionTemplates';
import { Walk, walkEntities } from './randomWalks';

export interface SearchQuery {
  query: string;
  /** Document ids, best first. */
  results: string[];
}

export interface Trajectory {
  queries: SearchQuery[];
  /** Documents the agent read, in the order it first read them. */
  opened: string[];
  /** Documents whose facts the answer rests on. */
  cited: string[];
}

export interface SearchIndex {
  documents: ReadonlyMap<string, Document>;
  /** Ids of the best `limit` documents: score descending, then id ascending, so equal scores never reorder. */
  search(query: string, limit: number): string[];
}

export const DEFAULT_RESULTS_PER_QUERY = 10;

export interface AgentOptions {
  resultsPerQuery?: number;
  /** Results of the final whole-question search (the pool that fills long contexts). */
  questionResults?: number;
  /** Top results the agent reads per hop query. */
  openLimit?: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Words split on spaces and punctuation; CJK runs, which have no spaces, become characters and bigrams. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.split(/[\s\p{P}\p{S}]+/u)) {
    if (!word) continue;
    if (!CJK.test(word)) {
      tokens.push(word);
      continue;
    }
    const chars = [...word];
    for (let i = 0; i < chars.length; i++) {
      tokens.push(chars[i]);
      if (i + 1 < chars.length) tokens.push(chars[i] + chars[i + 1]);
    }
  }
  return tokens;
}

/**
 * Terms found in more than this share of documents (relation labels, "the", "of") are dropped from the index and
 * from queries: BM25 gives them almost no weight, and matching them would score nearly the whole corpus.
 */
const MAX_DOCUMENT_FREQUENCY = 0.05;
const MIN_DOCUMENT_FREQUENCY_CUTOFF = 1000;

export function buildSearchIndex(corpus: readonly Document[]): SearchIndex {
  const commonTerms = frequentTerms(corpus);
  const processTerm = (term: string) => {
    const lower = term.toLowerCase();
    return commonTerms.has(lower) ? null : lower;
  };
  const index = new MiniSearch<Document>({
    fields: ['title', 'text'],
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: { boost: { title: 2 }, tokenize, processTerm },
  });
  index.addAll(corpus);
  const documents = new Map(corpus.map((doc) => [doc.id, doc]));
  return {
    documents,
    search(query, limit) {
      return index
        .search(query)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit)
        .map((result) => result.id as string);
    },
  };
}

function frequentTerms(corpus: readonly Document[]): Set<string> {
  const documentFrequency = new Map<string, number>();
  for (const doc of corpus) {
    const terms = new Set(tokenize(`${doc.title} ${doc.text}`).map((term) => term.toLowerCase()));
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const cutoff = Math.max(MIN_DOCUMENT_FREQUENCY_CUTOFF, corpus.length * MAX_DOCUMENT_FREQUENCY);
  return new Set([...documentFrequency].filter(([, n]) => n > cutoff).map(([term]) => term));
}

const indexCache = new WeakMap<KnowledgeGraph, Map<string, SearchIndex>>();

/** The index over the graph's corpus in `language`, built once per process. */
export function searchIndexFor(graph: KnowledgeGraph, language: string): SearchIndex {
  let byLanguage = indexCache.get(graph);
  if (!byLanguage) indexCache.set(graph, (byLanguage = new Map()));
  let index = byLanguage.get(language);
  if (!index) {
    index = buildSearchIndex(buildCorpus(graph, language));
    byLanguage.set(language, index);
  }
  return index;
}

export function runSearchAgent(
  graph: KnowledgeGraph,
  index: SearchIndex,
  walk: Walk,
  language: string,
  question: string,
  options: AgentOptions = {},
): Trajectory {
  const resultsPerQuery = options.resultsPerQuery ?? DEFAULT_RESULTS_PER_QUERY;
  const openLimit = options.openLimit ?? 3;
  const trajectory: Trajectory = { queries: [], opened: [], cited: [] };
  const open = (id: string) => {
    if (!trajectory.opened.includes(id)) trajectory.opened.push(id);
  };
  const entities = walkEntities(walk);
  entities.forEach((entity, step) => {
    // The last step looks the answer up by name alone, to read and cite its document.
    const relation = walk.hops[step]?.relation;
    const words = relation ? ` ${relationLabel(graph, relation, language)}` : '';
    const query = `${nameOf(graph, entity, language)}${words}`;
    const results = index.search(query, resultsPerQuery);
    trajectory.queries.push({ query, results });
    for (const id of results.slice(0, openLimit)) open(id);
    // When the entity's document is not among the results read, the previous document links it: opened directly.
    open(entity);
    trajectory.cited.push(entity);
  });
  const questionResults = options.questionResults ?? resultsPerQuery;
  trajectory.queries.push({ query: question, results: index.search(question, questionResults) });
  return trajectory;
}
