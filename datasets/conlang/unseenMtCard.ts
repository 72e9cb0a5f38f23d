/** The dataset card of an unseen-mt dataset: its languages, their typology, and pair counts per language, split and direction. */
import type { Direction, UnseenMtConfig } from './config';
import type { LanguagesChunk, PairsChunk } from './unseenMtStages';

type DirectionCounts = Record<Direction, number>;

export interface UnseenMtCard {
  format: 'drl-unseen-mt-card/1';
  generator: string;
  recipe: 'unseen-mt';
  seed: UnseenMtConfig['seed'];
  config: UnseenMtConfig;
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

export function buildUnseenMtCard(
  config: UnseenMtConfig,
  generator: string,
  languageChunks: readonly LanguagesChunk[],
  pairChunks: readonly PairsChunk[],
): UnseenMtCard {
  const zero = (): DirectionCounts => ({ 'en->xx': 0, 'xx->en': 0 });
  const bySplit = { train: { languages: 0, pairs: zero() }, eval: { languages: 0, pairs: zero() } };
  const byDirection = zero();
  const languages: UnseenMtCard['languages'] = [];
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
    format: 'drl-unseen-mt-card/1',
    generator,
    recipe: 'unseen-mt',
    seed: config.seed,
    config,
    records: { books: languages.length, pairs: byDirection['en->xx'] + byDirection['xx->en'] },
    languages,
    counts: { bySplit, byDirection },
  };
}
