/** Spelling a sentence in a constructed language: affixes from agreement and case, then phrase and clause order. */
import { ENGLISH_NUMERALS } from './englishLexicon';
import { personOf } from './english';
import { lexemeOf, type AgreementGloss, type ConLanguage, type Gloss, type TenseGloss } from './language';
import { segmentationOf, surfaceOf, wordOf, type Word } from './morphology';
import { capitalize } from './phonology';
import type { NounPhrase, Sentence, Tense } from './sentence';

const TENSE_GLOSS: Readonly<Record<Tense, TenseGloss>> = { past: 'PST', present: 'PRS', future: 'FUT' };

export function conlangSentence(language: ConLanguage, sentence: Sentence): string {
  return `${capitalize(conlangWords(language, sentence).map((w) => surfaceOf(language, w)).join(' '))}.`;
}

/** The sentence's interlinear gloss: morpheme-segmented words over their Leipzig glosses. */
export function interlinearGloss(language: ConLanguage, sentence: Sentence): { morphemes: string; glosses: string } {
  const words = conlangWords(language, sentence).map(segmentationOf);
  return { morphemes: words.map((w) => w.morphemes).join(' '), glosses: words.map((w) => w.glosses).join(' ') };
}

export function conlangWords(language: ConLanguage, sentence: Sentence): Word[] {
  const subject = nounPhraseWords(language, sentence.subject, 'subject');
  const verb = verbWords(language, sentence);
  const object = sentence.object ? nounPhraseWords(language, sentence.object, 'object') : [];
  switch (language.wordOrder) {
    case 'SOV':
      return [...subject, ...object, ...verb];
    case 'SVO':
      return [...subject, ...verb, ...object];
    case 'VSO':
      return [...verb, ...subject, ...object];
  }
}

function verbWords(language: ConLanguage, sentence: Sentence): Word[] {
  const { person, plural } = personOf(sentence.subject);
  const agreement = `${person}${plural ? 'PL' : 'SG'}` as AgreementGloss;
  const glosses: Gloss[] = [TENSE_GLOSS[sentence.tense], agreement];
  if (sentence.negated && language.negation === 'affix') glosses.push('NEG');
  const verb = wordOf(language, lexemeOf(language, 'verb', sentence.verb), glosses);
  if (!sentence.negated || language.negation === 'affix') return [verb];
  const particle = wordOf(language, lexemeOf(language, 'particle', 'not'), []);
  return language.negation === 'particle-before' ? [particle, verb] : [verb, particle];
}

function nounPhraseWords(language: ConLanguage, phrase: NounPhrase, role: 'subject' | 'object'): Word[] {
  const object = role === 'object';
  if (phrase.kind === 'pronoun') {
    return [wordOf(language, lexemeOf(language, 'pronoun', phrase.pronoun), object && language.caseMarking ? ['ACC'] : [])];
  }
  const counted = ENGLISH_NUMERALS.some((n) => n.lemma === phrase.determiner);
  const definite = phrase.determiner === 'the';
  const nounGlosses: Gloss[] = [];
  if (phrase.plural && (!counted || language.pluralAfterNumeral)) nounGlosses.push('PL');
  if (object && language.caseMarking) nounGlosses.push('ACC');
  if (definite && language.definiteness === 'affix') nounGlosses.push('DEF');
  const adjectiveGlosses: Gloss[] = [];
  if (phrase.plural && language.adjectiveAgreement.number) adjectiveGlosses.push('PL');
  if (object && language.adjectiveAgreement.case) adjectiveGlosses.push('ACC');
  const words: Word[] = [];
  for (const slot of language.nounPhraseOrder) {
    if (slot === 'noun') words.push(wordOf(language, lexemeOf(language, 'noun', phrase.noun), nounGlosses));
    if (slot === 'adjective' && phrase.adjective) {
      words.push(wordOf(language, lexemeOf(language, 'adjective', phrase.adjective), adjectiveGlosses));
    }
    if (slot === 'numeral' && counted) words.push(wordOf(language, lexemeOf(language, 'numeral', phrase.determiner), []));
    if (slot === 'article' && definite) words.push(wordOf(language, lexemeOf(language, 'article', 'the'), []));
  }
  return words;
}
