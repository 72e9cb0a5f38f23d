/**
 * The two stages of a conlang dataset, each a pure function of (config, chunk index, upstream chunk): chunk i of
 * 'languages' holds `chunkSize` languages (structure, grammar book, the sentences the book shows); chunk i of 'pairs'
 * reads it and holds those languages' sentence pairs, with the score the book-only translator reaches on them.
 */
import { sha256Hex } from '../../core/hash';
import { corpusChrf } from '../../rewards/chrf';
import { allBookSentences, drawBookSentences } from './bookExamples';
import { bookTranslator } from './bookTranslator';
import { CONLANG_RECORD_STREAM, type ConlangConfig, type Direction } from './config';
import { englishSentence } from './english';
import { generateLanguage } from './generateLanguage';
import { writeGrammarBook } from './grammarBook';
import type { ConLanguage } from './language';
import { languageSlots } from './languageCodes';
import { drawPairSentences, pairRecords, type PairRecord } from './pairs';

export interface LanguageEntry {
  grammar: ConLanguage;
  book: string;
  /** `sha256:<hex>` of `book`: what every pair's `book_ref` holds. */
  bookRef: string;
  /** English of every sentence the book translates, which pairs never repeat. */
  shown: string[];
}

export interface LanguagesChunk {
  languages: LanguageEntry[];
}

export interface PairsChunk {
  languages: Array<{ code: string; pairs: PairRecord[]; bookTranslatorChrf: Partial<Record<Direction, number>> }>;
}

export interface BookRecord {
  kind: 'book';
  id: string;
  language: string;
  language_name: string;
  split: 'train' | 'eval';
  book_ref: string;
  text: string;
  grammar: ConLanguage;
}

export function languagesChunk(config: ConlangConfig, index: number): LanguagesChunk {
  const slots = languageSlots(config).slice(index * config.chunkSize, (index + 1) * config.chunkSize);
  return {
    languages: slots.map(({ code, split }) => {
      const grammar = generateLanguage(config.seed, code, split);
      const sentences = drawBookSentences(config.seed, grammar, config.bookExamples);
      const book = writeGrammarBook(grammar, sentences);
      return { grammar, book, bookRef: `sha256:${sha256Hex(book)}`, shown: allBookSentences(sentences).map(englishSentence) };
    }),
  };
}

export function pairsChunk(config: ConlangConfig, languages: LanguagesChunk): PairsChunk {
  return {
    languages: languages.languages.map(({ grammar, book, bookRef, shown }) => {
      const sentences = drawPairSentences(config.seed, grammar, config.pairsPerLanguage, shown);
      const pairs = pairRecords(grammar, bookRef, sentences, config.directions);
      return { code: grammar.code, pairs, bookTranslatorChrf: bookTranslatorChrf(book, pairs) };
    }),
  };
}

/** Corpus chrF of the translator that reads only the book, per direction: the evidence that pairs are solvable. */
export function bookTranslatorChrf(book: string, pairs: readonly PairRecord[]): Partial<Record<Direction, number>> {
  const translator = bookTranslator(book);
  const scores: Partial<Record<Direction, number>> = {};
  for (const direction of ['en->xx', 'xx->en'] as const) {
    const ofDirection = pairs.filter((p) => p.direction === direction);
    if (ofDirection.length === 0) continue;
    const hyps = ofDirection.map((p) => translator.translate(p.source, direction));
    scores[direction] = corpusChrf(hyps, ofDirection.map((p) => [p.target])).score;
  }
  return scores;
}

export function bookRecordOf(entry: LanguageEntry): BookRecord {
  const { grammar } = entry;
  return {
    kind: 'book',
    id: `${CONLANG_RECORD_STREAM}/${grammar.code}/book`,
    language: grammar.code,
    language_name: grammar.name,
    split: grammar.split,
    book_ref: entry.bookRef,
    text: entry.book,
    grammar,
  };
}
