/**
 * What the knowledge-graph tasks share: reading a record's documents and multi-hop question fields, and the prompt
 * layout -- one document per line ("Title: text"), then the question after "Q:" and the answer marker "A:", the
 * ASCII markers of the math task, so the layout carries no language's words.
 */
import { InputError } from '../../core/errors';
import { CHAIN_SEPARATOR } from '../../rewards/entityAnswer';
import type { Episode } from './task';

export interface PromptDocument {
  title: string;
  text: string;
  tier: string;
}

export interface MultiHopFields {
  question: string;
  answer: string;
  aliases: string[];
  rubric: string[];
  hops: number;
}

function stringField(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') throw new InputError(`${where}: field "${field}" must be a non-empty string to train on`);
  return value;
}

function stringList(record: Record<string, unknown>, field: string, where: string, required: boolean): string[] {
  const value = record[field] ?? (required ? undefined : []);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new InputError(`${where}: field "${field}" must be a list of strings`);
  return value as string[];
}

/**
 * A list of documents: built ones ({title, text, tier}) or imported ones (a string, or {text} with an optional
 * title). A document without a tier is read as gold: an import does not say which ones are distractors.
 */
export function documentsField(value: unknown, field: string, where: string): PromptDocument[] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${where}: field "${field}" must be a non-empty list of documents`);
  return value.map((doc, i) => {
    const { title = '', text, tier = 'gold' } = (typeof doc === 'string' ? { text: doc } : (doc ?? {})) as Record<string, unknown>;
    if (typeof title !== 'string' || typeof text !== 'string' || typeof tier !== 'string') throw new InputError(`${where}: ${field}[${i}] must be a string or have a string text (and title, tier)`);
    return { title, text, tier };
  });
}

/** A question's fields; an imported record without a rubric has the answer as its only rubric entity. */
function multiHopFields(record: Record<string, unknown>, where: string): MultiHopFields {
  const answer = stringField(record, 'answer', where);
  const rubric = record.rubric === undefined ? [answer] : stringList(record, 'rubric', where, true);
  if (rubric.length === 0) throw new InputError(`${where}: field "rubric" must name at least the answer`);
  return {
    question: stringField(record, 'question', where),
    answer,
    aliases: stringList(record, 'answer_aliases', where, false),
    rubric,
    hops: Array.isArray(record.hops) ? record.hops.length : rubric.length,
  };
}

/** The episode of a multi-hop record before its task's own fields: its place, grading and question. */
export function multiHopEpisode(record: Record<string, unknown>, where: string): Episode & MultiHopFields {
  const fields = multiHopFields(record, where);
  return {
    id: stringField(record, 'id', where),
    language: stringField(record, 'language', where),
    split: record.split === 'eval' ? 'eval' : 'train',
    grading: { answer: fields.answer, aliases: fields.aliases, rubric: fields.rubric, reference: fields.rubric.join(` ${CHAIN_SEPARATOR} `) },
    solution: [],
    ...fields,
  };
}

export function documentLines(documents: readonly PromptDocument[]): string {
  return documents.map((doc) => (doc.title === '' ? `${doc.text}\n` : `${doc.title}: ${doc.text}\n`)).join('');
}

/** The documents (none: closed book), the question and the answer marker. */
export function questionPrompt(documents: readonly PromptDocument[], question: string): string {
  return `${documentLines(documents)}Q: ${question}\nA:`;
}
