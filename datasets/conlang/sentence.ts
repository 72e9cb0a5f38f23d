/**
 * Sentences as meaning, before either language spells them: a subject, a verb with tense and polarity, and an
 * object for transitive verbs. Drawn from one language's lexicon, respecting the verbs' semantic classes.
 */
import type { Rng } from '../../core/rng';
import {
  ENGLISH_ADJECTIVES,
  ENGLISH_NOUNS,
  ENGLISH_NUMERALS,
  ENGLISH_PRONOUNS,
  ENGLISH_VERBS,
  PRONOUN_CLASS,
  type EnglishPronoun,
  type EnglishVerb,
  type NounClass,
} from './englishLexicon';
import { lexemesOf, type ConLanguage } from './language';

export type Tense = 'past' | 'present' | 'future';

export type NounPhrase =
  | {
      kind: 'noun';
      noun: string;
      adjective?: string;
      /** 'the' (singular or plural), 'a' (singular) or a numeral lemma (plural). */
      determiner: string;
      plural: boolean;
    }
  | { kind: 'pronoun'; pronoun: string };

export interface Sentence {
  subject: NounPhrase;
  verb: string;
  tense: Tense;
  negated: boolean;
  object?: NounPhrase;
}

export function drawSentence(rng: Rng, language: ConLanguage): Sentence {
  const verbs = lexemesOf(language, 'verb').map((l) => verbNamed(l.english));
  const verb = rng.pick(verbs);
  const subject = drawNounPhrase(rng, language, verb.subject);
  let object: NounPhrase | undefined;
  if (verb.object) {
    do object = drawNounPhrase(rng, language, verb.object);
    while (sameReferent(subject, object));
  }
  const tense = rng.pick<Tense>(['past', 'present', 'future']);
  const negated = rng.next() < 0.3;
  return object ? { subject, verb: verb.lemma, tense, negated, object } : { subject, verb: verb.lemma, tense, negated };
}

function drawNounPhrase(rng: Rng, language: ConLanguage, classes: readonly NounClass[]): NounPhrase {
  if (classes.includes(PRONOUN_CLASS) && rng.next() < 0.25) {
    return { kind: 'pronoun', pronoun: rng.pick(lexemesOf(language, 'pronoun')).english };
  }
  const nouns = lexemesOf(language, 'noun').filter((l) => classes.includes(nounNamed(l.english).class));
  const noun = rng.pick(nouns).english;
  const cls = nounNamed(noun).class;
  const roll = rng.next();
  const determiner = roll < 0.4 ? 'the' : roll < 0.7 ? 'a' : rng.pick(lexemesOf(language, 'numeral')).english;
  const plural = determiner === 'a' ? false : determiner === 'the' ? rng.next() < 0.4 : true;
  const adjectives = lexemesOf(language, 'adjective').filter((l) => adjectiveNamed(l.english).classes.includes(cls));
  if (adjectives.length > 0 && rng.next() < 0.5) {
    return { kind: 'noun', noun, adjective: rng.pick(adjectives).english, determiner, plural };
  }
  return { kind: 'noun', noun, determiner, plural };
}

/** "I see me" needs a reflexive English lacks here, and "the dog sees the dog" reads as one dog. */
function sameReferent(subject: NounPhrase, object: NounPhrase): boolean {
  if (subject.kind === 'noun' && object.kind === 'noun') return subject.noun === object.noun;
  if (subject.kind === 'pronoun' && object.kind === 'pronoun') {
    const [s, o] = [pronounNamed(subject.pronoun), pronounNamed(object.pronoun)];
    return s.person === o.person && s.person !== 3;
  }
  return false;
}

export function verbNamed(lemma: string): EnglishVerb {
  return named(ENGLISH_VERBS, lemma, 'verb');
}

export function nounNamed(lemma: string) {
  return named(ENGLISH_NOUNS, lemma, 'noun');
}

export function adjectiveNamed(lemma: string) {
  return named(ENGLISH_ADJECTIVES, lemma, 'adjective');
}

export function pronounNamed(lemma: string): EnglishPronoun {
  return named(ENGLISH_PRONOUNS, lemma, 'pronoun');
}

export function numeralNamed(lemma: string) {
  return named(ENGLISH_NUMERALS, lemma, 'numeral');
}

function named<T extends { lemma: string }>(items: readonly T[], lemma: string, what: string): T {
  const item = items.find((i) => i.lemma === lemma);
  if (!item) throw new Error(`no English ${what} "${lemma}"`);
  return item;
}
