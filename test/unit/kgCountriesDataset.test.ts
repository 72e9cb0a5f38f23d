import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { buildContextRLChunk } from '../../datasets/contextrlQuestions';
import { loadCountriesGraph } from '../../datasets/countriesGraph';
import { buildDatasetCard } from '../../datasets/datasetCard';
import { parseDatasetConfig } from '../../datasets/datasetConfig';
import { hasFact, nameOf, objectsOf } from '../../datasets/knowledgeGraph';
import { buildLongTraceChunk } from '../../datasets/longtraceQuestions';
import { questionText } from '../../datasets/questionTemplates';
import { sampleWalks } from '../../datasets/randomWalks';
import { expectValidLongTraceRecord, expectValidQuestion } from './kgDatasetChecks';

const LANGUAGES = ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'sw', 'te'];
const base = { kg: 'countries', questions: 27, languages: LANGUAGES, hops: { min: 2, max: 8 }, contextChars: 3000, seed: 11 };
const longtrace = parseDatasetConfig({ ...base, builder: 'kgQuestions' });
const contextrl = parseDatasetConfig({ ...base, builder: 'kgPairs' });
const graph = loadCountriesGraph();

describe('countries knowledge graph', () => {
  it('links countries to capitals, currencies, languages and regions, with inverses and CLDR names', () => {
    expect(objectsOf(graph, 'ESP', 'capital')).toEqual(['city:madrid']);
    expect(objectsOf(graph, 'city:madrid', 'capital_of')).toEqual(['ESP']);
    expect(hasFact(graph, { subject: 'ESP', relation: 'borders', object: 'PRT' })).toBe(true);
    expect(hasFact(graph, { subject: 'ESP', relation: 'currency', object: 'currency:EUR' })).toBe(true);
    expect(hasFact(graph, { subject: 'language:spa', relation: 'spoken_in', object: 'ESP' })).toBe(true);
    expect(objectsOf(graph, 'subregion:southern-europe', 'part_of_region')).toEqual(['region:europe']);
    expect(graph.entities.get('ESP')?.attributes).toEqual({ landlocked: false });
    expect(nameOf(graph, 'ESP', 'te')).toBe('స్పెయిన్');
    expect(nameOf(graph, 'language:spa', 'de')).toBe('Spanisch');
    expect(nameOf(graph, 'city:madrid', 'ja')).toBe('Madrid');
  });

  it('phrases multi-hop questions in every template language', () => {
    const walk = { start: 'city:lisbon', hops: [
      { subject: 'city:lisbon', relation: 'capital_of', object: 'PRT' },
      { subject: 'PRT', relation: 'borders', object: 'ESP' },
      { subject: 'ESP', relation: 'capital', object: 'city:madrid' },
    ] };
    expect(questionText(graph, walk, 'en')).toBe(
      'What is the capital of the only country bordering the country whose capital is Lisbon?',
    );
    expect(questionText(graph, walk, 'fr')).toBe(
      'Quel est le nom de la capitale du seul pays frontalier du pays dont la capitale est Lisbon ?',
    );
    expect(questionText(graph, walk, 'zh')).toBe('与首都为Lisbon的国家接壤的唯一国家的首都是什么？');
    expect(() => questionText(graph, walk, 'xx')).toThrow(/'xx'.*supported: en, es, fr, de, ru, zh, ja, sw, te/);
  });

  it('reports walk yield per hop count', () => {
    const { walks, yield: stats } = sampleWalks(graph, { seed: 3, count: 20, hops: { min: 2, max: 4 } });
    expect(walks).toHaveLength(20);
    const accepted = Object.values(stats.accepted).reduce((a, b) => a + b, 0);
    expect(accepted).toBe(20);
    expect(Object.values(stats.attempted).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
  });
});

describe('LongTraceRL records on countries', () => {
  const chunks = [0, 1, 2].map((chunk) => buildLongTraceChunk(graph, longtrace, chunk, 10));
  const records = chunks.flatMap((chunk) => chunk.records);

  it('asks unique-answer questions over graph facts with a 5%-accurate, re-runnable tiered context', () => {
    expect(records).toHaveLength(27);
    for (const record of records) expectValidLongTraceRecord(graph, longtrace, record);
    const tiers = new Set(records.flatMap((record) => record.documents.map((doc) => doc.tier)));
    expect(tiers).toEqual(new Set(['gold', 'tier1', 'tier2']));
  });

  it('builds each chunk independently and byte-identically for the same seed', () => {
    const again = buildLongTraceChunk(graph, longtrace, 1, 10);
    expect(canonicalJson(again)).toBe(canonicalJson(chunks[1]));
    const otherSeed = buildLongTraceChunk(graph, { ...longtrace, seed: 12 }, 1, 10);
    expect(canonicalJson(otherSeed.records)).not.toBe(canonicalJson(chunks[1].records));
  });

  it('summarises the dataset in a card', () => {
    const card = buildDatasetCard(longtrace, chunks);
    expect(card).toMatchObject({ builder: 'kgQuestions', kind: 'longContext', records: 27 });
    expect(card.counts.byLanguage).toEqual(Object.fromEntries(LANGUAGES.map((language) => [language, 3])));
    expect(Object.values(card.counts.byHops).reduce((a, b) => a + b, 0)).toBe(27);
    expect(card.counts.byTier.gold).toBe(records.reduce((n, r) => n + r.hops.length + 1, 0));
    expect(card.seed).toBe(11);
    expect(card.yield.acceptanceRate).toBeGreaterThan(0);
  });
});

describe('ContextRL pairs on countries', () => {
  const { records } = buildContextRLChunk(graph, contextrl, 0, 27);

  it('changes exactly one walk fact to another object of the same type', () => {
    for (const record of records) {
      expectValidQuestion(graph, contextrl, record);
      const { hop, from, to } = record.changed_fact;
      expect(from).toEqual(record.hops[hop]);
      expect(to.subject).toBe(from.subject);
      expect(to.relation).toBe(from.relation);
      expect(to.object).not.toBe(from.object);
      expect(graph.entities.get(to.object)?.type).toBe(graph.entities.get(from.object)?.type);
      const supporting = record.contexts[record.supporting];
      const other = record.contexts[record.supporting === 'A' ? 'B' : 'A'];
      expect(supporting.map((doc) => doc.id)).toEqual(other.map((doc) => doc.id));
      const changedDocs = supporting.filter((doc, i) => doc.text !== other[i].text).map((doc) => doc.id);
      expect(changedDocs).toContain(from.subject);
      for (const id of changedDocs) expect([from.subject, from.object, to.object]).toContain(id);
    }
    expect(new Set(records.map((record) => record.supporting))).toEqual(new Set(['A', 'B']));
  });

  it('is byte-identical for the same seed', () => {
    expect(canonicalJson(buildContextRLChunk(graph, contextrl, 0, 27).records)).toBe(canonicalJson(records));
  });
});

describe('dataset config', () => {
  const valid = { ...base, builder: 'kgQuestions' };
  it.each([
    ['an unknown KG', { ...valid, kg: 'planets' }, /config\.kg/],
    ['a language without templates', { ...valid, languages: ['en', 'xx'] }, /config\.languages.*'xx'.*supported: en, es/],
    ['zero questions', { ...valid, questions: 0 }, /config\.questions/],
    ['hops.min above hops.max', { ...valid, hops: { min: 5, max: 3 } }, /hops\.min must not exceed hops\.max/],
    ['more than 8 hops', { ...valid, hops: { min: 2, max: 9 } }, /config\.hops\.max/],
    ['an unknown builder', { ...valid, builder: 'other' }, /config\.builder/],
    ['a WordNet language other than English', { ...valid, kg: 'wordnet', languages: ['fr'] }, /no wordnet question templates for 'fr'; supported: en/],
  ])('rejects %s', (_, raw, message) => {
    expect(() => parseDatasetConfig(raw)).toThrow(InputError);
    expect(() => parseDatasetConfig(raw)).toThrow(message);
  });
});
