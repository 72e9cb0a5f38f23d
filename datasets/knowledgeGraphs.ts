/** The knowledge graph a dataset config names, loaded once per process. */
import { loadCountriesGraph } from './countriesGraph';
import { KnowledgeGraph } from './knowledgeGraph';
import { KnowledgeGraphKind } from './questionTemplates';
import { loadWordnetGraph } from './wordnetGraph';

export function loadKnowledgeGraph(kind: KnowledgeGraphKind): KnowledgeGraph {
  // Questions about WordNet stay within nouns: the noun hierarchy gives the long, single-answer chains.
  return kind === 'countries' ? loadCountriesGraph() : loadWordnetGraph({ nounsOnly: true });
}
