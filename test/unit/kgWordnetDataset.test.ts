import { canonicalJson } from '../../core/canonicalJson';
import { parseDatasetConfig } from '../../datasets/datasetConfig';
import { buildContextRLChunk } from '../../datasets/contextrlQuestions';
import { objectsOf } from '../../datasets/knowledgeGraph';
import { loadKnowledgeGraph } from '../../datasets/knowledgeGraphs';
import { buildLongTraceChunk } from '../../datasets/longtraceQuestions';
import { expectValidLongTraceRecord, expectValidQuestion } from './kgDatasetChecks';

const base = { kg: 'wordnet', questions: 20, languages: ['en'], hops: { min: 4, max: 8 }, contextChars: 4000, seed: 5 };
const longtrace = parseDatasetConfig({ ...base, builder: 'kgQuestions' });
const graph = loadKnowledgeGraph('wordnet');

describe('WordNet knowledge graph', () => {
  it('has noun synsets named by their first lemma, linked by hypernyms and meronyms', () => {
    const dog = graph.entities.get('wn:02086723-n')!;
    expect(dog.names.en).toBe('dog');
    expect(dog.aliases).toEqual(['domestic dog', 'Canis familiaris']);
    expect(objectsOf(graph, dog.id, 'hypernym')).toEqual(['wn:01320032-n', 'wn:02085998-n']);
    expect(objectsOf(graph, 'wn:02085998-n', 'hyponym')).toContain(dog.id);
    expect(objectsOf(graph, dog.id, 'member_holonym').length).toBeGreaterThan(0);
  });
});

describe('LongTraceRL and ContextRL records on WordNet', () => {
  const chunk = buildLongTraceChunk(graph, longtrace, 0, 20);

  it('reaches long walks with unique answers and valid tiered contexts', () => {
    for (const record of chunk.records) expectValidLongTraceRecord(graph, longtrace, record);
    expect(Math.max(...chunk.records.map((record) => record.hops.length))).toBe(8);
  });

  it('is byte-identical for the same seed and differs for another', () => {
    expect(canonicalJson(buildLongTraceChunk(graph, longtrace, 0, 20))).toBe(canonicalJson(chunk));
    expect(canonicalJson(buildLongTraceChunk(graph, { ...longtrace, seed: 6 }, 0, 20).records)).not.toBe(
      canonicalJson(chunk.records),
    );
  });

  it('builds contrastive pairs whose changed fact keeps relation and type', () => {
    const contextrl = parseDatasetConfig({ ...base, builder: 'kgPairs' });
    for (const record of buildContextRLChunk(graph, contextrl, 0, 20).records) {
      expectValidQuestion(graph, contextrl, record);
      const { from, to } = record.changed_fact;
      expect(to.relation).toBe(from.relation);
      expect(graph.entities.get(to.object)?.type).toBe('noun');
      expect(objectsOf(graph, from.subject, from.relation)).not.toContain(to.object);
    }
  });
});
