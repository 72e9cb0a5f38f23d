/** Invariants every knowledge-graph dataset record must satisfy, shared by the countries and WordNet tests. */
import { contextLength } from '../../datasets/corpus';
import { hasFact, KnowledgeGraph, nameOf } from '../../datasets/knowledgeGraph';
import { LongTraceRecord } from '../../datasets/longtraceQuestions';
import { followChain } from '../../datasets/randomWalks';
import { searchIndexFor } from '../../datasets/searchAgent';
import { CONTEXT_LENGTH_TOLERANCE, tiersFromTrajectory } from '../../datasets/tieredDistractors';
import { DatasetConfig } from '../../datasets/datasetConfig';

export function walkIdsOf(record: { hops: LongTraceRecord['hops'] }): string[] {
  return [record.hops[0].subject, ...record.hops.map((hop) => hop.object)];
}

export function expectValidQuestion(graph: KnowledgeGraph, config: DatasetConfig, record: LongTraceRecord | Omit<LongTraceRecord, 'documents' | 'trajectory'>): void {
  const { hops } = record;
  expect(hops.length).toBeGreaterThanOrEqual(config.hops.min);
  expect(hops.length).toBeLessThanOrEqual(config.hops.max);
  hops.forEach((hop, i) => {
    expect(hasFact(graph, hop)).toBe(true);
    if (i > 0) expect(hop.subject).toBe(hops[i - 1].object);
  });
  const ids = walkIdsOf(record);
  expect(new Set(ids).size).toBe(ids.length);
  const end = hops[hops.length - 1].object;
  expect(followChain(graph, hops[0].subject, hops.map((hop) => hop.relation))).toEqual([end]);
  expect(record.answer).toBe(nameOf(graph, end, record.language));
  expect(record.rubric).toEqual(ids.slice(1).map((id) => nameOf(graph, id, record.language)));
  expect(record.question.length).toBeGreaterThan(0);
}

export function expectValidLongTraceRecord(graph: KnowledgeGraph, config: DatasetConfig, record: LongTraceRecord): void {
  expectValidQuestion(graph, config, record);
  const gold = new Set(walkIdsOf(record));
  const docIds = record.documents.map((doc) => doc.id);
  expect(new Set(docIds).size).toBe(docIds.length);
  expect(new Set(record.documents.filter((doc) => doc.tier === 'gold').map((doc) => doc.id))).toEqual(gold);
  for (const doc of record.documents) if (doc.tier !== 'gold') expect(gold.has(doc.id)).toBe(false);

  const length = contextLength(record.documents);
  expect(Math.abs(length - config.contextChars)).toBeLessThanOrEqual(config.contextChars * CONTEXT_LENGTH_TOLERANCE);

  const index = searchIndexFor(graph, record.language);
  for (const { query, results } of record.trajectory.queries) expect(index.search(query, results.length)).toEqual(results);

  const { tier1, tier2 } = tiersFromTrajectory(record.trajectory, [...gold]);
  const opened = new Set(record.trajectory.opened);
  const cited = new Set(record.trajectory.cited);
  for (const doc of record.documents) {
    if (doc.tier === 'tier1') {
      expect(tier1).toContain(doc.id);
      expect(opened.has(doc.id) && !cited.has(doc.id)).toBe(true);
    }
    if (doc.tier === 'tier2') {
      expect(tier2).toContain(doc.id);
      expect(opened.has(doc.id)).toBe(false);
    }
  }
}
