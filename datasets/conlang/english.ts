/** Spelling a sentence in English: articles, plurals, agreement and do-support for negation. */
import type { Person } from './englishLexicon';
import { capitalize } from './phonology';
import { nounNamed, pronounNamed, verbNamed, type NounPhrase, type Sentence } from './sentence';

export function englishSentence(sentence: Sentence): string {
  const { person, plural } = personOf(sentence.subject);
  const words = [englishNounPhrase(sentence.subject, 'subject'), englishVerb(sentence, person, plural)];
  if (sentence.object) words.push(englishNounPhrase(sentence.object, 'object'));
  return `${capitalize(words.join(' '))}.`;
}

export function personOf(phrase: NounPhrase): { person: Person; plural: boolean } {
  if (phrase.kind === 'noun') return { person: 3, plural: phrase.plural };
  const pronoun = pronounNamed(phrase.pronoun);
  return { person: pronoun.person, plural: pronoun.number === 'plural' };
}

function englishNounPhrase(phrase: NounPhrase, role: 'subject' | 'object'): string {
  if (phrase.kind === 'pronoun') return role === 'subject' ? phrase.pronoun : pronounNamed(phrase.pronoun).object;
  const noun = nounNamed(phrase.noun);
  const rest = [phrase.adjective, phrase.plural ? noun.plural : noun.lemma].filter((w) => w !== undefined).join(' ');
  const determiner = phrase.determiner === 'a' && /^[aeiou]/.test(rest) ? 'an' : phrase.determiner;
  return `${determiner} ${rest}`;
}

function englishVerb(sentence: Sentence, person: Person, plural: boolean): string {
  const verb = verbNamed(sentence.verb);
  const thirdSingular = person === 3 && !plural;
  if (sentence.tense === 'future') return sentence.negated ? `will not ${verb.lemma}` : `will ${verb.lemma}`;
  if (sentence.tense === 'past') return sentence.negated ? `did not ${verb.lemma}` : verb.past;
  if (sentence.negated) return `${thirdSingular ? 'does' : 'do'} not ${verb.lemma}`;
  return thirdSingular ? verb.s3 : verb.lemma;
}
