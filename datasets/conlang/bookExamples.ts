/**
 * The sentences a grammar book shows: one illustration per grammar passage and the numbered parallel examples.
 * Their English is recorded so that no sentence pair repeats a sentence the book already translates.
 */
import { Rng } from '../../core/rng';
import { CONLANG_RECORD_STREAM } from './config';
import { englishSentence } from './english';
import type { ConLanguage } from './language';
import { drawSentence, type Sentence } from './sentence';

export interface BookSentences {
  wordOrder: Sentence;
  intransitive: Sentence;
  agreement: Sentence;
  plural: Sentence;
  negation: Sentence;
  parallel: Sentence[];
}

const MAX_DRAWS = 10000;

const PASSAGES: ReadonlyArray<[Exclude<keyof BookSentences, 'parallel'>, (s: Sentence) => boolean]> = [
  ['wordOrder', (s) => s.object !== undefined && !s.negated && s.subject.kind === 'noun' && s.object.kind === 'noun'],
  ['intransitive', (s) => s.object === undefined && !s.negated],
  ['agreement', (s) => s.subject.kind === 'pronoun' && !s.negated],
  ['plural', (s) => s.object?.kind === 'noun' && s.object.plural && s.object.adjective !== undefined],
  ['negation', (s) => s.negated],
];

export function drawBookSentences(seed: number | string, language: ConLanguage, parallelCount: number): BookSentences {
  const rng = Rng.derive(seed, CONLANG_RECORD_STREAM, language.code, 'book');
  const seen = new Set<string>();
  const draw = (accept: (s: Sentence) => boolean, what: string): Sentence => {
    for (let i = 0; i < MAX_DRAWS; i++) {
      const sentence = drawSentence(rng, language);
      const english = englishSentence(sentence);
      if (accept(sentence) && !seen.has(english)) {
        seen.add(english);
        return sentence;
      }
    }
    throw new Error(`language ${language.code}: no ${what} example sentence in ${MAX_DRAWS} draws`);
  };
  const passages = Object.fromEntries(PASSAGES.map(([name, accept]) => [name, draw(accept, name)]));
  const parallel = Array.from({ length: parallelCount }, () => draw(() => true, 'parallel'));
  return { ...(passages as Omit<BookSentences, 'parallel'>), parallel };
}

export function allBookSentences(sentences: BookSentences): Sentence[] {
  return [...PASSAGES.map(([name]) => sentences[name]), ...sentences.parallel];
}
