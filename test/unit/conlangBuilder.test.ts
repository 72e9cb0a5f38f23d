/**
 * The conlang builder (datasets/conlang/conlangBuilder): stages run in process the way buildDataset runs them,
 * byte-determinism, the record schema, train/test disjointness, the book-only translator's chrF on every test
 * language, and config errors that name their field.
 */
import { canonicalJson } from '../../core/canonicalJson';
import { InputError } from '../../core/errors';
import { sha256Hex } from '../../core/hash';
import { bookTranslator } from '../../datasets/conlang/bookTranslator';
import { conlangBuilder } from '../../datasets/conlang/conlangBuilder';
import { corpusChrf } from '../../rewards/chrf';
import { buildInProcess } from '../helpers/buildInProcess';

const BASE = { builder: 'conlang', trainLanguages: 3, testLanguages: 2, pairsPerLanguage: 80, seed: 7, bookExamples: 6 };

function build(raw: Record<string, unknown>) {
  const config = conlangBuilder.resolveConfig(raw);
  const { records, card } = buildInProcess(conlangBuilder, config);
  const parsed = Buffer.from(records).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  return { config, records, card: card as Record<string, any>, books: parsed.filter((r) => r.kind === 'book'), pairs: parsed.filter((r) => r.kind === 'pair') };
}

const dataset = build(BASE);

describe('conlang builder', () => {
  it('has a languages stage and a pairs stage that reads it chunk by chunk', () => {
    const config = conlangBuilder.resolveConfig({ ...BASE, chunkSize: 2 });
    expect(conlangBuilder.stages(config)).toEqual(['languages', 'pairs']);
    expect(conlangBuilder.upstream('pairs')).toEqual(['languages']);
    expect(conlangBuilder.upstream('languages')).toEqual([]);
    expect(conlangBuilder.chunkCount(config, 'languages')).toBe(3);
    expect(conlangBuilder.chunkCount(config, 'pairs')).toBe(3);
    expect(() => conlangBuilder.chunkCount(config, 'corpus')).toThrow(/no stage "corpus"/);
  });

  it('gives the same bytes for the same config, whatever the chunk size, and other bytes for another seed', () => {
    const again = build(BASE);
    expect(Buffer.compare(Buffer.from(again.records), Buffer.from(dataset.records))).toBe(0);
    expect(canonicalJson(again.card)).toBe(canonicalJson(dataset.card));
    expect(Buffer.compare(Buffer.from(build({ ...BASE, chunkSize: 2 }).records), Buffer.from(dataset.records))).toBe(0);
    const other = build({ ...BASE, seed: 8 });
    expect(Buffer.compare(Buffer.from(other.records), Buffer.from(dataset.records))).not.toBe(0);
    expect(other.books[0].text).not.toBe(dataset.books[0].text);
  });

  it('writes one book record per language and pairs that point at it by content hash', () => {
    expect(dataset.books.map((b) => [b.language, b.split])).toEqual([
      ['qaa', 'train'],
      ['qab', 'train'],
      ['qac', 'train'],
      ['qtz', 'eval'],
      ['qty', 'eval'],
    ]);
    for (const book of dataset.books) {
      expect(book.book_ref).toBe(`sha256:${sha256Hex(book.text)}`);
      expect(book.id).toBe(`unseen-mt/${book.language}/book`);
      expect(book.text.startsWith(`# A grammar of ${book.language_name}\n`)).toBe(true);
    }
    expect(dataset.pairs).toHaveLength(5 * 80);
    const bookOf = new Map(dataset.books.map((b) => [b.language, b]));
    for (const pair of dataset.pairs) {
      expect(Object.keys(pair).sort()).toEqual(['book_ref', 'direction', 'id', 'kind', 'language', 'source', 'split', 'target']);
      expect(pair.book_ref).toBe(bookOf.get(pair.language)!.book_ref);
      expect(pair.split).toBe(bookOf.get(pair.language)!.split);
      expect(pair.source.endsWith('.') && pair.target.endsWith('.')).toBe(true);
      const index = Number(pair.id.split('/')[2]);
      expect(pair.direction).toBe(index % 2 === 0 ? 'en->xx' : 'xx->en');
    }
    expect(new Set(dataset.pairs.map((p) => p.id)).size).toBe(dataset.pairs.length);
    const oneWay = build({ ...BASE, trainLanguages: 1, testLanguages: 0, pairsPerLanguage: 10, directions: ['xx->en'] });
    expect(new Set(oneWay.pairs.map((p) => p.direction))).toEqual(new Set(['xx->en']));
  });

  it('keeps test languages out of training, here and in datasets with more training languages', () => {
    const trainCodes = new Set(dataset.pairs.filter((p) => p.split === 'train').map((p) => p.language));
    const testCodes = new Set(dataset.pairs.filter((p) => p.split === 'eval').map((p) => p.language));
    expect([...testCodes].filter((c) => trainCodes.has(c))).toEqual([]);
    expect(testCodes.size).toBe(2);
    const moreTraining = build({ ...BASE, trainLanguages: 12, testLanguages: 1, pairsPerLanguage: 1 });
    const trainBooks = new Set(moreTraining.books.filter((b) => b.split === 'train').map((b) => b.text));
    for (const book of dataset.books.filter((b) => b.split === 'eval')) expect(trainBooks.has(book.text)).toBe(false);
    // A language is a function of (seed, code): the same test language in both datasets.
    expect(moreTraining.books.find((b) => b.split === 'eval')!.text).toBe(dataset.books.find((b) => b.language === 'qtz')!.text);
  });

  it('counts books and pairs per language, split and direction on the card', () => {
    const { card } = dataset;
    expect(card).toMatchObject({ format: 'drl-conlang-card/1', builder: 'conlang', kind: 'translation' });
    expect(card.records).toEqual({ books: 5, pairs: 400 });
    expect(card.counts.byDirection).toEqual({ 'en->xx': 200, 'xx->en': 200 });
    expect(card.counts.bySplit.train).toEqual({ languages: 3, pairs: { 'en->xx': 120, 'xx->en': 120 } });
    expect(card.counts.bySplit.eval).toEqual({ languages: 2, pairs: { 'en->xx': 80, 'xx->en': 80 } });
    expect(card.languages.map((l: { code: string }) => l.code)).toEqual(['qaa', 'qab', 'qac', 'qtz', 'qty']);
    expect(card.languages[0].pairs).toEqual({ 'en->xx': 40, 'xx->en': 40 });
  });

  it('is solvable from the book: a translator reading only the book text reaches chrF >= 90 on every test language', () => {
    for (const book of dataset.books.filter((b) => b.split === 'eval')) {
      const translator = bookTranslator(book.text);
      for (const direction of ['en->xx', 'xx->en'] as const) {
        const pairs = dataset.pairs.filter((p) => p.language === book.language && p.direction === direction);
        const score = corpusChrf(pairs.map((p) => translator.translate(p.source, direction)), pairs.map((p) => [p.target])).score;
        expect(score).toBeGreaterThanOrEqual(90);
        expect(dataset.card.languages.find((l: { code: string }) => l.code === book.language).bookTranslatorChrf[direction]).toBe(score);
      }
    }
  });

  it('rejects bad configs with an InputError naming the field', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...BASE, pairsPerLanguage: undefined }, /config\.pairsPerLanguage/],
      [{ ...BASE, pairsPerLanguage: 0 }, /config\.pairsPerLanguage/],
      [{ ...BASE, trainLanguages: 1.5 }, /config\.trainLanguages/],
      [{ ...BASE, testLanguages: -1 }, /config\.testLanguages/],
      [{ ...BASE, trainLanguages: 0, testLanguages: 0 }, /config\.trainLanguages \+ config\.testLanguages must be 1\.\.520, got 0/],
      [{ ...BASE, trainLanguages: 400, testLanguages: 200 }, /must be 1\.\.520, got 600/],
      [{ ...BASE, directions: [] }, /config\.directions/],
      [{ ...BASE, directions: ['en->fr'] }, /config\.directions\.0/],
      [{ ...BASE, directions: ['en->xx', 'en->xx'] }, /config\.directions lists "en->xx" twice/],
      [{ ...BASE, seed: 1.5 }, /config\.seed/],
      [{ ...BASE, chunkSize: 0 }, /config\.chunkSize/],
      [{ ...BASE, builder: 'math' }, /config\.builder/],
      [{ ...BASE, languages: ['en'] }, /languages/],
    ];
    for (const [raw, message] of cases) {
      expect(() => conlangBuilder.resolveConfig(raw)).toThrow(InputError);
      expect(() => conlangBuilder.resolveConfig(raw)).toThrow(message);
    }
    expect(conlangBuilder.resolveConfig({ trainLanguages: 1, testLanguages: 1, pairsPerLanguage: 5, seed: 'x' })).toEqual({
      builder: 'conlang',
      trainLanguages: 1,
      testLanguages: 1,
      pairsPerLanguage: 5,
      bookExamples: 12,
      directions: ['en->xx', 'xx->en'],
      seed: 'x',
      chunkSize: 1,
    });
  });
});
