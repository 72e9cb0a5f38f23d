/**
 * What the knowledge-graph methods train on: answers held out by entity, contexts that hold both tiers of
 * distractor, pairs whose changed fact is any hop, and the two tasks' prompts, views and answer judgement.
 */
import { buildContextRLChunk } from '../../datasets/contextrlQuestions';
import { loadCountriesGraph } from '../../datasets/countriesGraph';
import { parseDatasetConfig } from '../../datasets/datasetConfig';
import { buildLongTraceChunk } from '../../datasets/longtraceQuestions';
import { answerSplit } from '../../datasets/multiHopQuestion';
import { entityAnswerReward, finalAnswer } from '../../rewards/entityAnswer';
import { contextPairsTask } from '../../training/tasks/contextPairsTask';
import { longContextTask } from '../../training/tasks/longContextTask';

const graph = loadCountriesGraph();
const base = { kg: 'countries', questions: 200, languages: ['en', 'es'], hops: { min: 2, max: 2 }, contextChars: 1000, evalShare: 0.2, seed: 0 };
const questions = (extra: Record<string, unknown> = {}) => {
  const config = parseDatasetConfig({ ...base, builder: 'kgQuestions', ...extra });
  return Array.from({ length: 8 }, (_, i) => buildLongTraceChunk(graph, config, i, 25).records).flat();
};
const pairs = (extra: Record<string, unknown> = {}) => {
  const config = parseDatasetConfig({ ...base, builder: 'kgPairs', ...extra });
  return Array.from({ length: 8 }, (_, i) => buildContextRLChunk(graph, config, i, 25).records).flat();
};
const answerOf = (record: { hops: Array<{ object: string }> }) => record.hops[record.hops.length - 1].object;

describe('knowledge-graph datasets for training', () => {
  it('hold out questions by answer entity, the same entities in every dataset with that share', () => {
    const records = [...questions(), ...pairs()];
    const evalAnswers = new Set(records.filter((r) => r.split === 'eval').map(answerOf));
    const trainAnswers = new Set(records.filter((r) => r.split === 'train').map(answerOf));
    expect(evalAnswers.size).toBeGreaterThan(5);
    expect([...evalAnswers].filter((a) => trainAnswers.has(a))).toEqual([]);
    for (const record of records) expect(record.split).toBe(answerSplit(answerOf(record), 0.2));
    // Without a share the records are as they were before splits: no split field.
    expect(questions({ evalShare: undefined }).some((r) => 'split' in r)).toBe(false);
  });

  it('take two distractors of each tier first where they fit, and leave contexts as they were without minPerTier', () => {
    const tiers = (records: ReturnType<typeof questions>) => records.map((r) => ['tier1', 'tier2'].map((tier) => r.documents.filter((d) => d.tier === tier).length));
    const share = (records: ReturnType<typeof questions>) => tiers(records).filter(([t1, t2]) => t1 >= 2 && t2 >= 2).length / records.length;
    const withMin = questions({ minPerTier: 2 });
    const without = questions();
    expect(share(withMin)).toBeGreaterThan(share(without) + 0.2);
    expect(withMin.map((r) => r.question)).toEqual(without.map((r) => r.question));
    expect(without.map((r) => r.documents)).toEqual(questions({ minPerTier: 0 }).map((r) => r.documents));
  });

  it('change the final hop of about half the pairs with changeHop uniform, and an earlier one by default', () => {
    const finalShare = (records: ReturnType<typeof pairs>) => records.filter((r) => r.changed_fact.hop === r.hops.length - 1).length / records.length;
    expect(finalShare(pairs())).toBe(0);
    expect(finalShare(pairs({ changeHop: 'uniform' }))).toBeGreaterThan(0.35);
    expect(finalShare(pairs({ changeHop: 'uniform' }))).toBeLessThan(0.65);
  });
});

describe('the longContext task', () => {
  const [record] = questions({ minPerTier: 2 });
  const episode = longContextTask.episode(record as unknown as Record<string, unknown>, 'record 1');

  it('asks over every document, over the gold ones only, or closed-book', () => {
    const full = longContextTask.prompt(episode);
    const gold = longContextTask.prompt(episode, { view: 'goldOnly' });
    expect(full.endsWith(`Q: ${record.question}\nA:`)).toBe(true);
    for (const doc of record.documents) expect(full).toContain(`${doc.title}: ${doc.text}\n`);
    expect(gold.split('\n').length - 2).toBe(record.documents.filter((d) => d.tier === 'gold').length);
    expect(longContextTask.prompt(episode, { view: 'closedBook' })).toBe(`Q: ${record.question}\nA:`);
    expect(longContextTask.views).toEqual(['closedBook', 'goldOnly']);
  });

  it('judges the final answer only, by name or alias, and measures the rubric', () => {
    const [bridge, answer] = record.rubric;
    expect(finalAnswer(` ${bridge} => ${answer}\nmore`)).toBe(answer);
    expect(longContextTask.evaluate(episode, ` ${bridge} => ${answer}`)).toEqual({ correct: true, consistency: null, metrics: { rubric: 1 } });
    expect(longContextTask.evaluate(episode, ` ${answer.toUpperCase()}!`)).toEqual({ correct: true, consistency: null, metrics: { rubric: 0.5 } });
    // The answer named on the way to another one is not the final answer.
    expect(longContextTask.evaluate(episode, ` ${answer} => ${bridge}`).correct).toBe(false);
    expect(entityAnswerReward(' Peso mexicano', 'peso', ['Mexican peso', 'Peso mexicano']).score).toBe(1);
    expect(entityAnswerReward('', 'peso').components).toEqual({ correct: 0, answered: 0 });
  });

  it('reads imported records: one context string, or documents without titles', () => {
    const imported = longContextTask.episode({ id: 'i1', language: 'en', question: 'Who?', context: 'Ada wrote it.', answer: 'Ada' }, 'import line 1');
    expect(longContextTask.prompt(imported)).toBe('Ada wrote it.\nQ: Who?\nA:');
    expect(imported.grading.rubric).toEqual(['Ada']);
    const listed = longContextTask.episode({ id: 'i2', language: 'en', question: 'Who?', documents: ['One.', { title: 'T', text: 'Two.' }], answer: 'Ada' }, 'import line 2');
    expect(longContextTask.prompt(listed)).toBe('One.\nT: Two.\nQ: Who?\nA:');
    expect(() => longContextTask.episode({ id: 'i3', language: 'en', question: 'Who?', documents: [], answer: 'Ada' }, 'import line 3')).toThrow(
      /import line 3: field "documents" must be a non-empty list of documents/,
    );
  });
});

describe('the contextPairs task', () => {
  const records = pairs({ changeHop: 'uniform' });
  const episodes = records.map((r) => contextPairsTask.episode(r as unknown as Record<string, unknown>, `record ${r.id}`));
  const [episode] = episodes;

  it('samples the question over its supporting context, and asks which context supports the answer', () => {
    const supporting = records[0].contexts[records[0].supporting];
    expect(contextPairsTask.prompt(episode)).toBe(`${supporting.map((d) => `${d.title}: ${d.text}\n`).join('')}Q: ${episode.question}\nA:`);
    const choice = contextPairsTask.prompt(episode, { view: 'choice' });
    expect(choice.startsWith('[A]\n')).toBe(true);
    expect(choice).toContain('\n[B]\n');
    expect(choice.endsWith(`Q: ${episode.question}\nA: ${episode.answer}\nSupported by:`)).toBe(true);
    const other = episode.supporting === 'A' ? 'B' : 'A';
    expect(contextPairsTask.evaluate(episode, ` ${episode.supporting}`, 'choice').correct).toBe(true);
    expect(contextPairsTask.evaluate(episode, ` ${other}`, 'choice').correct).toBe(false);
  });

  it('labels each record by the hop its other context changed', () => {
    const labels = new Set(episodes.map((e) => contextPairsTask.breakdown!(e).changedHop));
    expect(labels).toEqual(new Set(['final', 'earlier']));
    expect(() => contextPairsTask.episode({ ...records[0], supporting: 'C' } as unknown as Record<string, unknown>, 'record x')).toThrow(/record x: field "supporting" must be "A" or "B", got "C"/);
  });
});
