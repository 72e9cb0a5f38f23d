/**
 * The language of a text among the project's languages (the MGSM set plus Basque). Most are told apart by their
 * script alone, and the decision is stated as such: Thai script is th, Bengali script bn, Telugu script te, Cyrillic
 * ru (the only Cyrillic language of the set), Han with any kana ja and Han without kana zh. Latin-script texts (en,
 * es, fr, de, sw, eu) are decided by franc's trigram model among the Latin candidates only: on short texts franc's
 * full 187-language set confuses close relatives (en -> sco, es -> cat), and it has no Basque at all.
 */
import { InputError } from '../core/errors';
import { FrancLanguage, rankByTrigrams } from './francTrigrams';

export const IDENTIFIABLE_LANGUAGES = ['en', 'es', 'fr', 'de', 'ru', 'zh', 'ja', 'th', 'sw', 'bn', 'te', 'eu'] as const;
export type IdentifiableLanguage = (typeof IDENTIFIABLE_LANGUAGES)[number];

export type Script = 'Latin' | 'Cyrillic' | 'Thai' | 'Bengali' | 'Telugu' | 'CJK' | 'other';

/** Below this many letters franc answers "undetermined"; so does a Latin-script text here. */
export const MIN_TRIGRAM_LETTERS = 10;

/** Letters with their combining marks: Thai, Bengali and Telugu vowel signs are marks, and they are text too. */
const LETTER = /[\p{L}\p{M}]/gu;
const SCRIPT_OF_LETTER: Array<[Exclude<Script, 'other'>, RegExp]> = [
  ['Latin', /\p{sc=Latin}/u],
  ['Cyrillic', /\p{sc=Cyrillic}/u],
  ['Thai', /\p{sc=Thai}/u],
  ['Bengali', /\p{sc=Bengali}/u],
  ['Telugu', /\p{sc=Telugu}/u],
  // The prolonged sound mark ー is Common by Script but Hiragana/Katakana by Script_Extensions.
  ['CJK', /[\p{sc=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u],
];
const KANA = /[\p{scx=Hiragana}\p{scx=Katakana}]/u;
const LATIN_LANGUAGES: readonly IdentifiableLanguage[] = ['en', 'es', 'fr', 'de', 'sw', 'eu'];

export interface LetterCount {
  letters: number;
  /** The script most of the letters are written in; 'other' when none of the set's scripts leads, or no letters. */
  script: Script;
  kana: number;
}

export function countLetters(text: string): LetterCount {
  const perScript = new Map<Script, number>();
  let letters = 0;
  let kana = 0;
  for (const [letter] of text.matchAll(LETTER)) {
    letters++;
    if (KANA.test(letter)) kana++;
    const script = SCRIPT_OF_LETTER.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'other';
    perScript.set(script, (perScript.get(script) ?? 0) + 1);
  }
  let script: Script = 'other';
  let most = 0;
  for (const [candidate, count] of perScript) {
    if (count > most) [script, most] = [candidate, count];
  }
  return { letters, script, kana };
}

export type IdentificationMethod = 'script' | 'kana' | 'trigrams' | 'none';

export interface LanguageIdentification {
  /** null: no letters, too few Latin letters, or a script that none of the candidates is written in. */
  language: IdentifiableLanguage | null;
  method: IdentificationMethod;
  script: Script;
  letters: number;
}

export function assertIdentifiableLanguages(languages: readonly string[]): readonly IdentifiableLanguage[] {
  const unknown = languages.filter((l) => !(IDENTIFIABLE_LANGUAGES as readonly string[]).includes(l));
  if (unknown.length > 0) {
    throw new InputError(`language ID: unknown language ${unknown.join(', ')} (known: ${IDENTIFIABLE_LANGUAGES.join(', ')})`);
  }
  if (languages.length === 0) throw new InputError('language ID: empty candidate list');
  return languages as readonly IdentifiableLanguage[];
}

/**
 * The language of `text` among `candidates` (default: all twelve). Restricting the candidates to the languages that
 * can be expected (the run's languages, or the prompt's language and English) is what makes short texts reliable.
 */
export function identifyLanguage(text: string, candidates: readonly string[] = IDENTIFIABLE_LANGUAGES): LanguageIdentification {
  const allowed = assertIdentifiableLanguages(candidates);
  const count = countLetters(text);
  const undetermined: LanguageIdentification = { language: null, method: 'none', script: count.script, letters: count.letters };
  const decided = (language: IdentifiableLanguage, method: IdentificationMethod): LanguageIdentification =>
    allowed.includes(language) ? { language, method, script: count.script, letters: count.letters } : undetermined;
  switch (count.script) {
    case 'Thai':
      return decided('th', 'script');
    case 'Bengali':
      return decided('bn', 'script');
    case 'Telugu':
      return decided('te', 'script');
    case 'Cyrillic':
      return decided('ru', 'script');
    case 'CJK':
      return decided(count.kana > 0 ? 'ja' : 'zh', 'kana');
    case 'Latin': {
      const latin = LATIN_LANGUAGES.filter((l) => allowed.includes(l));
      if (latin.length === 1) return decided(latin[0], 'script');
      if (latin.length === 0 || count.letters < MIN_TRIGRAM_LETTERS) return undetermined;
      return decided(rankByTrigrams(text, latin as FrancLanguage[])[0].language, 'trigrams');
    }
    case 'other':
      return undetermined;
  }
}
