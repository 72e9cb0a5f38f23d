/** The dataset card of a conlang dataset: its languages, their typology, and pair counts per language, split and direction. */
import type { Direction, ConlangConfig } from './config';
import type { DatasetKind } from '../datasetKind';
import type { LanguagesChunk, PairsChunk } from './conlangStages';

type DirectionCounts = Record<Direction, number>;

export interface ConlangCard {
  format: 'drl-conlang-card/1';
  generator: string;
  builder: 'conlang';
  kind: DatasetKind;
  seed: ConlangConfig['seed'];
  config: ConlangConfig;
  records: { books: number; pairs: number };
  languages: Array<{
    code: string;
    name: string;
    split: 'train' | 'eval';
    wordOrder: string;
    caseMarking: boolean;
    definiteness: string;
    negation: string;
    lexemes: number;
    bookChars: number;
    bookRef: string;
    pairs: DirectionCounts;
    /** Corpus chrF (0..100) of the translator that reads only the book; 100 means every pair is reproduced. */
    bookTranslatorChrf: Partial<DirectionCounts>;
  }>;
  counts: {
    bySplit: Record<'train' | 'eval', { languages: number; pairs: DirectionCounts }>;
    byDirection: DirectionCounts;
  };
}

export function buildConlangCard(
  config: ConlangConfig,
  generator: string,
  kind: DatasetKind,
  languageChunks: readonly LanguagesChunk[],
  pairChunks: readonly PairsChunk[],
): ConlangCard {
  const zero = (): DirectionCounts => ({ 'en->xx': 0, 'xx->en': 0 });
  const bySplit = { train: { languages: 0, pairs: zero() }, eval: { languages: 0, pairs: zero() } };
  const byDirection = zero();
  const languages: ConlangCard['languages'] = [];
  languageChunks.forEach((chunk, c) =>
    chunk.languages.forEach(({ grammar, book, bookRef }, l) => {
      const { pairs, bookTranslatorChrf } = pairChunks[c].languages[l];
      const counts = zero();
      for (const pair of pairs) {
        counts[pair.direction]++;
        bySplit[grammar.split].pairs[pair.direction]++;
        byDirection[pair.direction]++;
      }
      bySplit[grammar.split].languages++;
      languages.push({
        code: grammar.code,
        name: grammar.name,
        split: grammar.split,
        wordOrder: grammar.wordOrder,
        caseMarking: grammar.caseMarking,
        definiteness: grammar.definiteness,
        negation: grammar.negation,
        lexemes: grammar.lexicon.length,
        bookChars: book.length,
        bookRef,
        pairs: counts,
        bookTranslatorChrf,
      });
    }),
  );
  return {
    format: 'drl-conlang-card/1',
    generator,
    builder: 'conlang',
    kind,
    seed: config.seed,
    config,
    records: { books: languages.length, pairs: byDirection['en->xx'] + byDirection['xx->en'] },
    languages,
    counts: { bySplit, byDirection },
  };
}
