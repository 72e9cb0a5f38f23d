/**
 * What an imported record of each kind must hold, and the normalised record it becomes. A normaliser throws a
 * FieldProblem naming the first field that is wrong; unknown fields are refused, so a misspelt optional field
 * ("setps") is reported instead of silently dropped. Each kind carries the fields its methods read: a long-context
 * record its answer aliases and rubric (LongTraceRL's reward), a translation pair the grammar book it is translated
 * with, which is a record of the same file.
 */
import { InputError } from '../../core/errors';
import { sha256Hex } from '../../core/hash';
import { normaliseForRubric } from '../../rewards/longtraceRubric';
import type { DatasetKind } from '../datasetKind';
import { canonicalDecimalOf, MATH_LANGUAGES, parseLocaleDecimal } from '../math';
import { isMathLanguage } from '../math/languages';

export const IMPORT_KINDS = ['math', 'translation', 'preference', 'longContext'] as const satisfies readonly DatasetKind[];
export type ImportKind = (typeof IMPORT_KINDS)[number];

export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What every kind may carry besides its own fields: a record id and its split (else the import's). */
const COMMON_FIELDS = ['id', 'split', 'language'];

const KIND_FIELDS: Record<ImportKind, string[]> = {
  math: ['question', 'answer', 'steps'],
  translation: ['source', 'target', 'direction', 'book_ref', 'kind', 'text', 'language_name'],
  preference: ['prompt', 'chosen', 'rejected'],
  longContext: ['question', 'context', 'documents', 'answer', 'answer_aliases', 'rubric'],
};

/** The fields of a grammar book record (`kind: "book"`) in a translation file; the others are a pair's. */
const BOOK_FIELDS = ['kind', 'text', 'book_ref', 'language_name'];
const PAIR_FIELDS = ['source', 'target', 'direction', 'book_ref'];

/** `sha256:<hex>` of a book's text, as conlang datasets write it. */
const BOOK_REF = /^sha256:[0-9a-f]{64}$/;

/** `language` is the record's own, else the import's default; kinds that need one fail without it. */
type Normaliser = (fields: Record<string, unknown>, language: string | undefined) => Record<string, unknown>;

const NORMALISERS: Record<ImportKind, Normaliser> = {
  math(fields, language) {
    const lang = mathLanguage(language);
    const question = text(fields, 'question');
    const { answer, answer_text } = mathAnswer(fields.answer, lang);
    const steps = fields.steps === undefined ? undefined : textList(fields, 'steps');
    return { language: lang, question, answer, answer_text, steps };
  },
  translation(fields, language) {
    if (fields.kind !== undefined && fields.kind !== 'book' && fields.kind !== 'pair') {
      throw new FieldProblem('kind', `expected "book" (a grammar book) or "pair" (the default), got ${typeOf(fields.kind)}`);
    }
    const isBook = fields.kind === 'book';
    const allowed = [...(isBook ? BOOK_FIELDS : PAIR_FIELDS), ...COMMON_FIELDS];
    const misplaced = Object.keys(fields).find((field) => !allowed.includes(field) && field !== 'kind');
    if (misplaced !== undefined) {
      throw new FieldProblem(misplaced, `not a field of a translation ${isBook ? 'book' : 'pair'}; ${isBook ? 'books' : 'pairs'} have ${allowed.join(', ')}`);
    }
    if (isBook) {
      const body = text(fields, 'text');
      const ref = `sha256:${sha256Hex(body)}`;
      if (fields.book_ref !== undefined && fields.book_ref !== ref) {
        throw new FieldProblem('book_ref', `is not the sha256 of this book's text (${ref}); leave it out and the import writes it`);
      }
      const name = fields.language_name === undefined ? undefined : text(fields, 'language_name');
      return { kind: 'book', language: required('language', language), language_name: name, book_ref: ref, text: body };
    }
    return {
      language: required('language', language),
      source: text(fields, 'source'),
      target: text(fields, 'target'),
      direction: fields.direction === undefined ? undefined : text(fields, 'direction'),
      book_ref: fields.book_ref === undefined ? undefined : bookRef(fields.book_ref),
    };
  },
  preference(fields, language) {
    const chosen = text(fields, 'chosen');
    const rejected = text(fields, 'rejected');
    if (chosen === rejected) throw new FieldProblem('rejected', 'is the same text as "chosen"');
    return { language, prompt: text(fields, 'prompt'), chosen, rejected };
  },
  longContext(fields, language) {
    const question = text(fields, 'question');
    if ((fields.context === undefined) === (fields.documents === undefined)) {
      throw new FieldProblem('context', 'give exactly one of "context" (a string) and "documents" (a list)');
    }
    const context = fields.context === undefined ? undefined : text(fields, 'context');
    const documents = fields.documents === undefined ? undefined : documentList(fields.documents);
    const answer = text(fields, 'answer');
    const answer_aliases = fields.answer_aliases === undefined ? undefined : textList(fields, 'answer_aliases', { empty: true });
    const rubric = fields.rubric === undefined ? undefined : rubricList(fields);
    return { language, question, context, documents, answer, answer_aliases, rubric };
  },
};

/** A problem that only the whole file shows (a pair naming a book the file lacks), at the line to blame. */
export interface FileProblem {
  index: number;
  field: string;
  message: string;
}

type FileCheck = (records: readonly Record<string, unknown>[], lines: readonly number[]) => FileProblem[];

/** Checks across the records of a kind, in file order (`lines[i]` is record i's line); empty when all is well. */
export function fileProblems(kind: ImportKind, records: readonly Record<string, unknown>[], lines: readonly number[]): FileProblem[] {
  return FILE_CHECKS[kind]?.(records, lines) ?? [];
}

/** Every pair's book is a book of the file, in the pair's language, and no book is given twice. */
function bookRefProblems(records: readonly Record<string, unknown>[], lines: readonly number[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const books = new Map<string, { index: number; language: unknown }>();
  records.forEach((record, index) => {
    if (record.kind !== 'book') return;
    const earlier = books.get(record.book_ref as string);
    if (earlier) problems.push({ index, field: 'text', message: `is the same book as line ${lines[earlier.index]}` });
    else books.set(record.book_ref as string, { index, language: record.language });
  });
  records.forEach((record, index) => {
    if (record.kind === 'book' || record.book_ref === undefined) return;
    const book = books.get(record.book_ref as string);
    if (!book) problems.push({ index, field: 'book_ref', message: `no book record (kind "book") in this file has ${record.book_ref}` });
    else if (book.language !== record.language) {
      problems.push({ index, field: 'book_ref', message: `names the book of line ${lines[book.index]}, which is in ${book.language}, not ${record.language}` });
    }
  });
  return problems;
}

const FILE_CHECKS: Partial<Record<ImportKind, FileCheck>> = { translation: bookRefProblems };

/** The normalised record, without id and split (the import assigns those). */
export function normaliseRecord(kind: ImportKind, fields: Record<string, unknown>, defaultLanguage: string | undefined): Record<string, unknown> {
  const allowed = [...KIND_FIELDS[kind], ...COMMON_FIELDS];
  const unknown = Object.keys(fields).find((field) => !allowed.includes(field));
  if (unknown !== undefined) throw new FieldProblem(unknown, `unknown field; ${kind} records have ${allowed.join(', ')}`);
  const language = fields.language === undefined ? defaultLanguage : text(fields, 'language');
  if (language !== undefined && /\s/.test(language)) throw new FieldProblem('language', `${JSON.stringify(language)} is not a language code`);
  return NORMALISERS[kind](fields, language);
}

function required(field: string, value: string | undefined): string {
  if (value === undefined) throw new FieldProblem(field, 'missing (or give --language for the whole file)');
  return value;
}

function mathLanguage(language: string | undefined): string {
  const lang = required('language', language);
  if (!isMathLanguage(lang)) {
    throw new FieldProblem('language', `numbers are read in ${MATH_LANGUAGES.join(', ')}; got "${lang}"`);
  }
  return lang;
}

/** A JSON number is taken as it is; a string is read the way its language writes numbers (German "1.234" = 1234). */
function mathAnswer(value: unknown, language: string): { answer: string; answer_text: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FieldProblem('answer', `${value} is not a finite number`);
    const canonical = canonicalDecimalOf(value);
    return { answer: canonical, answer_text: canonical };
  }
  if (typeof value !== 'string') throw new FieldProblem('answer', value === undefined ? 'missing' : `expected a number or a string, got ${typeOf(value)}`);
  const written = value.trim();
  try {
    return { answer: parseLocaleDecimal(written, language), answer_text: written };
  } catch (err) {
    if (err instanceof InputError) throw new FieldProblem('answer', err.message);
    throw err;
  }
}

function text(fields: Record<string, unknown>, field: string): string {
  const value = fields[field];
  if (value === undefined) throw new FieldProblem(field, 'missing');
  if (typeof value !== 'string') throw new FieldProblem(field, `expected a string, got ${typeOf(value)}`);
  if (value.trim() === '') throw new FieldProblem(field, 'is empty');
  return value;
}

function textList(fields: Record<string, unknown>, field: string, { empty = false } = {}): string[] {
  const value = fields[field];
  if (!Array.isArray(value) || (value.length === 0 && !empty)) {
    throw new FieldProblem(field, `expected a ${empty ? '' : 'non-empty '}list of strings, got ${typeOf(value)}`);
  }
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') throw new FieldProblem(`${field}[${i}]`, `expected a non-empty string, got ${typeOf(item)}`);
  });
  return value as string[];
}

/** LongTraceRL's rubric: the names a right answer is rewarded for mentioning, each with a letter or digit to match. */
function rubricList(fields: Record<string, unknown>): string[] {
  const rubric = textList(fields, 'rubric');
  rubric.forEach((entity, i) => {
    if (normaliseForRubric(entity) === '') throw new FieldProblem(`rubric[${i}]`, `${JSON.stringify(entity)} has no letters or digits to match`);
  });
  return rubric;
}

function bookRef(value: unknown): string {
  if (typeof value !== 'string' || !BOOK_REF.test(value)) {
    throw new FieldProblem('book_ref', `expected "sha256:" and 64 hex digits (the sha256 of a book's text), got ${typeOf(value)}`);
  }
  return value;
}

/** Documents are strings or `{title?, text}` objects. */
function documentList(value: unknown): Array<string | { title?: string; text: string }> {
  if (!Array.isArray(value) || value.length === 0) throw new FieldProblem('documents', `expected a non-empty list, got ${typeOf(value)}`);
  return value.map((doc, i) => {
    const field = `documents[${i}]`;
    if (typeof doc === 'string' && doc.trim() !== '') return doc;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new FieldProblem(field, `expected a non-empty string or {title, text}, got ${typeOf(doc)}`);
    }
    const { title, text: body, ...rest } = doc as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw new FieldProblem(`${field}.${extra}`, 'unknown field; documents have title, text');
    if (typeof body !== 'string' || body.trim() === '') throw new FieldProblem(`${field}.text`, `expected a non-empty string, got ${typeOf(body)}`);
    if (title !== undefined && typeof title !== 'string') throw new FieldProblem(`${field}.title`, `expected a string, got ${typeOf(title)}`);
    return title === undefined ? { text: body } : { title, text: body };
  });
}

function typeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
