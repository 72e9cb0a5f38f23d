/**
 * A language's sentence pairs: distinct sentences (none that its grammar book already translates), each spelled in
 * English and in the language, turned into records of alternating direction.
 */
import { InputError } from '../../core/errors';
import { Rng } from '../../core/rng';
import { CONLANG_RECORD_STREAM, type Direction } from './config';
import { englishSentence } from './english';
import type { ConLanguage } from './language';
import { conlangSentence } from './realize';
import { drawSentence, type Sentence } from './sentence';

export interface PairRecord {
  kind: 'pair';
  id: string;
  language: string;
  split: 'train' | 'eval';
  direction: Direction;
  source: string;
  target: string;
  book_ref: string;
}

/** `count` sentences with distinct English, none of them in `shown`; the same (seed, language) gives the same list. */
export function drawPairSentences(seed: number | string, language: ConLanguage, count: number, shown: Iterable<string>): Sentence[] {
  const rng = Rng.derive(seed, CONLANG_RECORD_STREAM, language.code, 'pairs');
  const seen = new Set(shown);
  const sentences: Sentence[] = [];
  const maxDraws = 50 * count + 1000;
  for (let draw = 0; sentences.length < count; draw++) {
    if (draw === maxDraws) {
      throw new InputError(`language ${language.code}: only ${sentences.length} distinct sentences in ${maxDraws} draws; lower pairsPerLanguage`);
    }
    const sentence = drawSentence(rng, language);
    const english = englishSentence(sentence);
    if (seen.has(english)) continue;
    seen.add(english);
    sentences.push(sentence);
  }
  return sentences;
}

export function pairRecords(language: ConLanguage, bookRef: string, sentences: readonly Sentence[], directions: readonly Direction[]): PairRecord[] {
  return sentences.map((sentence, k) => {
    const direction = directions[k % directions.length];
    const [english, other] = [englishSentence(sentence), conlangSentence(language, sentence)];
    return {
      kind: 'pair',
      id: `${CONLANG_RECORD_STREAM}/${language.code}/${String(k).padStart(5, '0')}`,
      language: language.code,
      split: language.split,
      direction,
      source: direction === 'en->xx' ? english : other,
      target: direction === 'en->xx' ? other : english,
      book_ref: bookRef,
    };
  });
}
