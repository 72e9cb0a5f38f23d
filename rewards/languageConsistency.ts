/**
 * Language consistency (the LANG reward's second term): the share of a response's letters that are in the prompt's
 * language, so a model that reasons in English when asked in Swahili is paid for the Swahili part only.
 *
 * The response is cut into sentences and lines; consecutive pieces in the same script are joined until each holds
 * at least `minSegmentLetters` letters (trigrams need text); each piece is identified with `identifyLanguage` and
 * its letters count for its language. Limits, all of them deliberate:
 * - A language switch inside a sentence is not seen: the sentence goes to its majority language as a whole.
 * - Two short same-script sentences in different languages (a Spanish line, then a short English one) may be joined
 *   and decided together.
 * - Mathematics and code count by their letters only: digits and symbols are no language; LaTeX commands (\frac,
 *   \boxed) are removed; variable names and units (x, km) count for the sentence around them.
 * - A Latin-script piece under 10 letters after joining (a whole response such as "Yes.") is undetermined and counts
 *   as not in the language; a response without letters scores 0.
 * - Kanji-only Japanese pieces (no kana) are read as Chinese; Cyrillic is always Russian; Thai, Bengali and Telugu
 *   are decided by their script.
 * - Letters are counted, not words: a Chinese sentence has fewer letters than its English translation, so in a
 *   zh/en mix the English part weighs more than its share of the meaning.
 * - The candidates are the expected set: by default the prompt's language and English (the drift LANG guards
 *   against), all twelve for an English prompt. A Latin-script piece is always given to one of the Latin candidates,
 *   so a response in French to a Spanish prompt counts as Spanish or English unless `candidates` lists French.
 *   Restricting the set is what makes sentence-length pieces reliable: on the generator's solutions, single steps
 *   are identified 80-100% right among {language, en} and 73-100% among all twelve (test/unit/languageId.test.ts).
 */
import { InputError } from '../core/errors';
import {
  assertIdentifiableLanguages,
  countLetters,
  identifyLanguage,
  IDENTIFIABLE_LANGUAGES,
  IdentifiableLanguage,
  Script,
} from './languageId';
import { RewardResult } from './rewardResult';

export interface LanguageConsistencyOptions {
  /** Languages a piece may be identified as; default the prompt's language and English (all twelve for English). */
  candidates?: readonly string[];
  /** Same-script sentences are joined until a piece has this many letters; default 30. */
  minSegmentLetters?: number;
}

export interface TextPiece {
  text: string;
  letters: number;
  script: Script;
}

/** Sentence ends: . ! ? ; : only before white space (3.5 and 12:30 stay whole); CJK, danda and line breaks always. */
const SENTENCE_END = /(?<=[.!?;:…])\s+|(?<=[。！？；।॥])|\n+/u;
const LATEX_COMMAND = /\\[A-Za-z]+/g;

/** The response cut into sentences and lines, pieces without letters dropped. */
export function sentencePieces(text: string): TextPiece[] {
  return text
    .replace(LATEX_COMMAND, ' ')
    .split(SENTENCE_END)
    .map((sentence) => ({ sentence, count: countLetters(sentence) }))
    .filter(({ count }) => count.letters > 0)
    .map(({ sentence, count }) => ({ text: sentence.trim(), letters: count.letters, script: count.script }));
}

/** Consecutive same-script pieces joined while one side is shorter than `minLetters`. */
export function joinShortPieces(pieces: readonly TextPiece[], minLetters: number): TextPiece[] {
  const joined: TextPiece[] = [];
  for (const piece of pieces) {
    const last = joined[joined.length - 1];
    if (last !== undefined && last.script === piece.script && (last.letters < minLetters || piece.letters < minLetters)) {
      joined[joined.length - 1] = { text: `${last.text} ${piece.text}`, letters: last.letters + piece.letters, script: last.script };
    } else {
      joined.push({ ...piece });
    }
  }
  return joined;
}

export function languageConsistencyReward(
  response: string,
  promptLanguage: string,
  options: LanguageConsistencyOptions = {},
): RewardResult {
  const [expected] = assertIdentifiableLanguages([promptLanguage]);
  const candidates = assertIdentifiableLanguages(
    options.candidates ?? (expected === 'en' ? IDENTIFIABLE_LANGUAGES : [expected, 'en']),
  );
  const minLetters = options.minSegmentLetters ?? 30;
  if (!Number.isInteger(minLetters) || minLetters < 1) {
    throw new InputError(`language consistency: minSegmentLetters must be a positive integer, got ${minLetters}`);
  }
  const pieces = joinShortPieces(sentencePieces(response), minLetters);
  const lettersPerLanguage = new Map<IdentifiableLanguage | 'undetermined', number>();
  let total = 0;
  let inLanguage = 0;
  for (const piece of pieces) {
    const { language } = identifyLanguage(piece.text, candidates);
    total += piece.letters;
    if (language === expected) inLanguage += piece.letters;
    const key = language ?? 'undetermined';
    lettersPerLanguage.set(key, (lettersPerLanguage.get(key) ?? 0) + piece.letters);
  }
  const score = total === 0 ? 0 : inLanguage / total;
  const breakdown = [...lettersPerLanguage].map(([language, letters]) => `${language} ${letters}`).join(', ');
  return {
    score,
    components: { consistency: score, letters: total, lettersInLanguage: inLanguage, pieces: pieces.length },
    reason: total === 0 ? 'no letters' : `${(100 * score).toFixed(1)}% of ${total} letters in ${expected} (${breakdown})`,
  };
}

export interface LanguageConsistencySample {
  response: string;
  language: string;
}

export function languageConsistencyRewardBatch(
  samples: readonly LanguageConsistencySample[],
  options: LanguageConsistencyOptions = {},
): RewardResult[] {
  return samples.map((s) => languageConsistencyReward(s.response, s.language, options));
}
