/**
 * User dataset import: every kind from JSONL, math from MGSM-style TSV, locale-aware answers, the fields methods
 * need (long-context aliases and rubric, translation grammar books), errors that name file, line and field, and no
 * trace in the store after a bad file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { sha256Hex } from '../../core/hash';
import { datasetKindOf } from '../../datasets/datasetBuilders';
import { findDataset } from '../../datasets/datasetManifest';
import { importDataset, importOptionsOf, parseImport, type ImportRequest } from '../../datasets/import/importDataset';
import { createFsStore } from '../../store/fsStore';

const jsonl = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

function recordsOf(request: ImportRequest): Array<Record<string, unknown>> {
  return Buffer.from(parseImport(request).records)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function problemsOf(request: ImportRequest): string {
  try {
    parseImport(request);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected the import to fail');
}

describe('math import', () => {
  it('reads answers the way each language writes numbers, into canonical decimals', () => {
    const text = jsonl(
      { question: 'Wie viel?', answer: '1.234', language: 'de' },
      { question: 'Wie viel?', answer: '1.234,50', language: 'de', steps: ['a', 'b'] },
      { question: 'How many?', answer: '1,234.5', language: 'en', split: 'eval', id: 'q7' },
      { question: 'কত?', answer: '১২,৩৪,৫৬৭', language: 'bn' },
      { question: 'Combien ?', answer: '1 234,5', language: 'fr' },
      { question: 'How many?', answer: 1e21 },
    );
    const records = recordsOf({ file: 'math.jsonl', text, kind: 'math', language: 'en' });
    expect(records.map((r) => r.answer)).toEqual(['1234', '1234.5', '1234.5', '1234567', '1234.5', '1000000000000000000000']);
    expect(records[1]).toEqual({ id: 'math-000001', language: 'de', question: 'Wie viel?', answer: '1234.5', answer_text: '1.234,50', steps: ['a', 'b'], split: 'train' });
    expect(records[2]).toMatchObject({ id: 'q7', split: 'eval', language: 'en' });
    expect(records[5]).toMatchObject({ language: 'en', answer_text: '1000000000000000000000' });
  });

  it('reads MGSM-style TSV (question<TAB>answer) with --language, skipping blank lines and CRLF', () => {
    const text = 'Janet hat 16 Eier.\t18\r\n\r\nWie viele?\t1.500\r\n';
    const imported = parseImport({ file: 'mgsm_de.tsv', text, kind: 'math', language: 'de', split: 'eval' });
    const records = Buffer.from(imported.records).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual([
      { id: 'math-000000', language: 'de', question: 'Janet hat 16 Eier.', answer: '18', answer_text: '18', split: 'eval' },
      { id: 'math-000001', language: 'de', question: 'Wie viele?', answer: '1500', answer_text: '1.500', split: 'eval' },
    ]);
    expect(imported.card).toMatchObject({ kind: 'math', records: 2, counts: { byLanguage: { de: 2 }, bySplit: { eval: 2 } } });
  });

  it('names file, line and field for every bad line, all at once', () => {
    const text = jsonl(
      { question: 'ok', answer: '12', language: 'de' },
      '',
      { question: 'x', answer: '12,3,4', language: 'de' },
      '{"question": "x", "answer": ',
      { question: 'x', answer: '5', language: 'it' },
      { question: '', answer: '5', language: 'en' },
      { question: 'x', anwser: '5', language: 'en' },
      { question: 'x', answer: '5', language: 'en', steps: ['a', ''] },
      { question: 'x', answer: '5', language: 'en', split: 'test' },
      { question: 'x', answer: true, language: 'en' },
      { question: 'x', answer: '5' },
      [1, 2],
      { id: 'dup', question: 'x', answer: '5', language: 'en' },
      { id: 'dup', question: 'x', answer: '5', language: 'en' },
    );
    expect(problemsOf({ file: 'data.jsonl', text, kind: 'math' }).split('\n')).toEqual([
      'data.jsonl:3: field "answer": "12,3,4" is not a de number: more than one decimal separator ","',
      expect.stringMatching(/^data\.jsonl:4: not valid JSON/),
      'data.jsonl:5: field "language": numbers are read in en, es, fr, de, ru, zh, ja, th, sw, bn, te, eu; got "it"',
      'data.jsonl:6: field "question": is empty',
      'data.jsonl:7: field "anwser": unknown field; math records have question, answer, steps, id, split, language',
      'data.jsonl:8: field "steps[1]": expected a non-empty string, got an empty string',
      'data.jsonl:9: field "split": expected "train" or "eval", got "test"',
      'data.jsonl:10: field "answer": expected a number or a string, got boolean true',
      'data.jsonl:11: field "language": missing (or give --language for the whole file)',
      'data.jsonl:12: expected a JSON object, got an array',
      'data.jsonl:14: field "id": "dup" is already the id of line 13',
      'data.jsonl: nothing imported',
    ]);
  });

  it('rejects TSV lines without exactly two fields, and TSV for other kinds', () => {
    expect(problemsOf({ file: 'm.tsv', text: 'q\t1\nq without answer\nq\t1\textra\n', kind: 'math', language: 'en' })).toMatch(
      /^m\.tsv:2: expected 2 tab-separated fields \(question, answer\), got 1\nm\.tsv:3: expected 2 tab-separated fields \(question, answer\), got 3\n/,
    );
    expect(() => parseImport({ file: 'p.tsv', text: 'a\tb\n', kind: 'preference' })).toThrow(/--format tsv is for --kind math only/);
    expect(() => parseImport({ file: 'p.jsonl', text: '', kind: 'math', format: 'csv' })).toThrow(/--format must be jsonl or tsv/);
    expect(() => parseImport({ file: 'p.jsonl', text: '\n\n', kind: 'math' })).toThrow('p.jsonl: no records');
    expect(() => parseImport({ file: 'p.jsonl', text: '', kind: 'code' })).toThrow(/--kind must be one of math, translation, preference, longContext, got "code"/);
  });
});

describe('other kinds', () => {
  it('imports translation pairs, needing a language', () => {
    const text = jsonl({ source: 'hello', target: 'hola', language: 'es', direction: 'en-es' }, { source: 'cat', target: 'gato' });
    expect(recordsOf({ file: 't.jsonl', text, kind: 'translation', language: 'es' })).toEqual([
      { id: 'translation-000000', language: 'es', source: 'hello', target: 'hola', direction: 'en-es', split: 'train' },
      { id: 'translation-000001', language: 'es', source: 'cat', target: 'gato', split: 'train' },
    ]);
    expect(problemsOf({ file: 't.jsonl', text, kind: 'translation' })).toMatch(/^t\.jsonl:2: field "language": missing/);
    expect(problemsOf({ file: 't.jsonl', text: jsonl({ source: 'a', target: 7, language: 'es' }), kind: 'translation' })).toMatch(
      /^t\.jsonl:1: field "target": expected a string, got number 7/,
    );
  });

  it('imports preference pairs and refuses a pair whose two answers are the same', () => {
    const good = jsonl({ prompt: 'p', chosen: 'a', rejected: 'b' });
    expect(recordsOf({ file: 'p.jsonl', text: good, kind: 'preference' })).toEqual([{ id: 'preference-000000', prompt: 'p', chosen: 'a', rejected: 'b', split: 'train' }]);
    expect(problemsOf({ file: 'p.jsonl', text: jsonl({ prompt: 'p', chosen: 'a', rejected: 'a' }), kind: 'preference' })).toMatch(
      /^p\.jsonl:1: field "rejected": is the same text as "chosen"/,
    );
    expect(problemsOf({ file: 'p.jsonl', text: jsonl({ prompt: 'p', chosen: 'a' }), kind: 'preference' })).toMatch(/^p\.jsonl:1: field "rejected": missing/);
  });

  it('imports long-context QA with a context or documents, never both', () => {
    const text = jsonl(
      { question: 'q', context: 'a long text', answer: 'a' },
      { question: 'q', documents: ['one', { title: 'T', text: 'two' }], answer: 'a' },
    );
    expect(recordsOf({ file: 'l.jsonl', text, kind: 'longContext' }).map((r) => r.documents ?? r.context)).toEqual([
      'a long text',
      ['one', { title: 'T', text: 'two' }],
    ]);
    const bad = jsonl(
      { question: 'q', context: 'c', documents: ['d'], answer: 'a' },
      { question: 'q', answer: 'a' },
      { question: 'q', documents: [{ title: 'T' }], answer: 'a' },
      { question: 'q', documents: [{ text: 'x', url: 'u' }], answer: 'a' },
    );
    expect(problemsOf({ file: 'l.jsonl', text: bad, kind: 'longContext' }).split('\n').slice(0, 4)).toEqual([
      'l.jsonl:1: field "context": give exactly one of "context" (a string) and "documents" (a list)',
      'l.jsonl:2: field "context": give exactly one of "context" (a string) and "documents" (a list)',
      'l.jsonl:3: field "documents[0].text": expected a non-empty string, got nothing',
      'l.jsonl:4: field "documents[0].url": unknown field; documents have title, text',
    ]);
  });

  it('carries long-context answer aliases and a LongTraceRL rubric, each checked', () => {
    const text = jsonl(
      { question: 'Capital of Spain?', context: 'Madrid is the capital.', answer: 'Madrid', answer_aliases: ['Madrid, Spain'], rubric: ['Spain', 'Madrid'] },
      { id: 'q2', question: 'q', context: 'c', answer: 'a', answer_aliases: [] },
    );
    expect(recordsOf({ file: 'l.jsonl', text, kind: 'longContext' })).toEqual([
      { id: 'longContext-000000', question: 'Capital of Spain?', context: 'Madrid is the capital.', answer: 'Madrid', answer_aliases: ['Madrid, Spain'], rubric: ['Spain', 'Madrid'], split: 'train' },
      { id: 'q2', question: 'q', context: 'c', answer: 'a', answer_aliases: [], split: 'train' },
    ]);
    const bad = jsonl(
      { question: 'q', context: 'c', answer: 'a', answer_aliases: 'Madrid' },
      { question: 'q', context: 'c', answer: 'a', answer_aliases: ['ok', ''] },
      { question: 'q', context: 'c', answer: 'a', rubric: [] },
      { question: 'q', context: 'c', answer: 'a', rubric: ['Spain', '--'] },
      { question: 'q', context: 'c', answer: 'a', rubric: ['Spain', 3] },
      { question: 'q', context: 'c', answer: 'a', rubrics: ['Spain'] },
    );
    expect(problemsOf({ file: 'l.jsonl', text: bad, kind: 'longContext' }).split('\n')).toEqual([
      'l.jsonl:1: field "answer_aliases": expected a list of strings, got "Madrid"',
      'l.jsonl:2: field "answer_aliases[1]": expected a non-empty string, got an empty string',
      'l.jsonl:3: field "rubric": expected a non-empty list of strings, got a list',
      'l.jsonl:4: field "rubric[1]": "--" has no letters or digits to match',
      'l.jsonl:5: field "rubric[1]": expected a non-empty string, got number 3',
      expect.stringMatching(/^l\.jsonl:6: field "rubrics": unknown field; longContext records have .*answer_aliases, rubric/),
      'l.jsonl: nothing imported',
    ]);
  });

  it('reads --kind longcontext, milestone 1\'s spelling, as longContext with a warning: same records, same id', () => {
    expect(importOptionsOf({ file: 'l.jsonl', kind: 'longcontext' })).toMatchObject({ kind: 'longContext', warnings: ['--kind longcontext is deprecated: write --kind longContext'] });
    expect(importOptionsOf({ file: 'l.jsonl', kind: 'longContext' }).warnings).toEqual([]);
    const text = jsonl({ question: 'q', context: 'c', answer: 'a' });
    const legacy = parseImport({ file: 'l.jsonl', text, kind: 'longcontext' });
    const today = parseImport({ file: 'l.jsonl', text, kind: 'longContext' });
    expect(legacy.datasetId).toBe(today.datasetId);
    expect(legacy).toMatchObject({ kind: 'longContext', config: { source: 'import', kind: 'longContext' }, card: { kind: 'longContext' } });
    expect(() => importOptionsOf({ file: 'l.jsonl', kind: 'longctx' })).toThrow('--kind must be one of math, translation, preference, longContext, got "longctx"');
  });
});

describe('translation with a grammar book', () => {
  const book = 'A grammar of Qaa. Nouns take -ka in the plural.';
  const ref = `sha256:${sha256Hex(book)}`;

  it('stores book records and pairs that name their book by book_ref', () => {
    const text = jsonl(
      { source: 'cats', target: 'mika', language: 'qaa', direction: 'en->xx', book_ref: ref },
      { kind: 'book', text: book, language: 'qaa', language_name: 'Qaa' },
      { kind: 'pair', source: 'cat', target: 'mi', language: 'qaa', book_ref: ref },
    );
    expect(recordsOf({ file: 't.jsonl', text, kind: 'translation' })).toEqual([
      { id: 'translation-000000', language: 'qaa', source: 'cats', target: 'mika', direction: 'en->xx', book_ref: ref, split: 'train' },
      { id: 'translation-000001', kind: 'book', language: 'qaa', language_name: 'Qaa', book_ref: ref, text: book, split: 'train' },
      { id: 'translation-000002', language: 'qaa', source: 'cat', target: 'mi', book_ref: ref, split: 'train' },
    ]);
  });

  it('names file, line and field when a reference or a book is wrong, and imports nothing', () => {
    const other = `sha256:${'0'.repeat(64)}`;
    const text = jsonl(
      { kind: 'book', text: book, language: 'qaa' },
      { source: 'a', target: 'b', language: 'qaa', book_ref: 'qaa-book' },
      { source: 'a', target: 'b', language: 'qaa', book_ref: other },
      { source: 'a', target: 'b', language: 'qab', book_ref: ref },
      { kind: 'book', text: book, language: 'qaa' },
      { kind: 'book', text: 'Another book.', language: 'qab', book_ref: ref },
      { kind: 'grammar', text: book, language: 'qaa' },
      { kind: 'book', source: 'a', text: book, language: 'qaa' },
      { kind: 'book', language: 'qaa' },
    );
    expect(problemsOf({ file: 't.jsonl', text, kind: 'translation' }).split('\n')).toEqual([
      't.jsonl:2: field "book_ref": expected "sha256:" and 64 hex digits (the sha256 of a book\'s text), got "qaa-book"',
      `t.jsonl:3: field "book_ref": no book record (kind "book") in this file has ${other}`,
      't.jsonl:4: field "book_ref": names the book of line 1, which is in qaa, not qab',
      't.jsonl:5: field "text": is the same book as line 1',
      `t.jsonl:6: field "book_ref": is not the sha256 of this book's text (sha256:${sha256Hex('Another book.')}); leave it out and the import writes it`,
      't.jsonl:7: field "kind": expected "book" (a grammar book) or "pair" (the default), got "grammar"',
      't.jsonl:8: field "source": not a field of a translation book; books have kind, text, book_ref, language_name, id, split, language',
      't.jsonl:9: field "text": missing',
      't.jsonl: nothing imported',
    ]);
  });
});

describe('storing an import', () => {
  const tempStore = () => createFsStore(mkdtempSync(join(tmpdir(), 'drl-import-')));
  const text = jsonl({ question: 'Wie viel?', answer: '1.234', language: 'de' }, { question: 'Wie viel?', answer: '7', language: 'de', split: 'eval' });

  it('stores a dataset that reads back by id or prefix, with the same id for the same content and kind', async () => {
    const store = tempStore();
    const manifest = await importDataset(store, { file: 'a.jsonl', text, kind: 'math' });
    expect(manifest).toMatchObject({ format: 'drl-dataset/1', kind: 'math', config: { source: 'import', kind: 'math' }, splits: { train: 1, eval: 1 } });
    expect(await findDataset(store, manifest.datasetId.slice(0, 8))).toEqual(manifest);
    expect(Buffer.from(await store.getBlob(manifest.records)).toString('utf8')).toContain('"answer":"1234"');
    const again = await importDataset(store, { file: 'renamed.jsonl', text: text.replace(/\n/g, '\r\n'), kind: 'math' });
    expect(again.datasetId).toBe(manifest.datasetId);
    const asPreference = parseImport({ file: 'p.jsonl', text: jsonl({ prompt: 'p', chosen: 'a', rejected: 'b' }), kind: 'preference' });
    expect(asPreference.datasetId).not.toBe(manifest.datasetId);
  });

  it('returns a manifest written before kinds were recorded on a re-import, and reads its kind from its config', async () => {
    const store = tempStore();
    const parsed = parseImport({ file: 'a.jsonl', text, kind: 'math' });
    const old = { format: 'drl-dataset/1', datasetId: parsed.datasetId, config: parsed.config, records: await store.putBlob(parsed.records), card: parsed.card };
    await store.putManifest(`datasets/${parsed.datasetId}/manifest.json`, old);
    const again = await importDataset(store, { file: 'a.jsonl', text, kind: 'math' });
    expect(again).toEqual(old);
    expect(datasetKindOf(again)).toBe('math');
  });

  it('leaves nothing in the store when one line is bad', async () => {
    const store = tempStore();
    const bad = text + jsonl({ question: 'x', answer: '1,2,3', language: 'de' });
    await expect(importDataset(store, { file: 'a.jsonl', text: bad, kind: 'math' })).rejects.toThrow(/a\.jsonl:3: field "answer"/);
    expect(await store.list('')).toEqual([]);
  });
});
