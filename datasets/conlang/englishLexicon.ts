/**
 * The English side of every constructed language: a pool of concepts with their English forms and semantic classes.
 * Each language draws its lexicon from this pool; the classes keep generated sentences sensible ("the farmer eats an
 * apple", never "the stone eats a river"). Words are chosen so that English stays unambiguous to parse: no noun is
 * also a verb here, no plural equals its singular, no verb's past equals its present.
 */

export type NounClass = 'person' | 'animal' | 'food' | 'artifact' | 'place' | 'nature';

export const NOUN_CLASSES: readonly NounClass[] = ['person', 'animal', 'food', 'artifact', 'place', 'nature'];

export interface EnglishNoun {
  lemma: string;
  plural: string;
  class: NounClass;
}

export interface EnglishVerb {
  lemma: string;
  /** Present third person singular. */
  s3: string;
  past: string;
  subject: readonly NounClass[];
  /** Classes an object may have; absent for intransitive verbs. */
  object?: readonly NounClass[];
}

export interface EnglishAdjective {
  lemma: string;
  classes: readonly NounClass[];
}

export type Person = 1 | 2 | 3;
export type GrammaticalNumber = 'singular' | 'plural';

export interface EnglishPronoun {
  /** Subject form, which is also the pronoun's lexeme id ("I", "you all"). */
  lemma: string;
  object: string;
  person: Person;
  number: GrammaticalNumber;
}

const noun = (lemma: string, plural: string, cls: NounClass): EnglishNoun => ({ lemma, plural, class: cls });
const regular = (lemma: string, cls: NounClass): EnglishNoun => noun(lemma, `${lemma}s`, cls);

export const ENGLISH_NOUNS: readonly EnglishNoun[] = [
  regular('farmer', 'person'), regular('teacher', 'person'), regular('king', 'person'), regular('queen', 'person'),
  regular('friend', 'person'), regular('boy', 'person'), regular('girl', 'person'), regular('hunter', 'person'),
  regular('doctor', 'person'), regular('sister', 'person'), regular('brother', 'person'), regular('singer', 'person'),
  noun('child', 'children', 'person'), noun('woman', 'women', 'person'), noun('man', 'men', 'person'),
  noun('baby', 'babies', 'person'),
  regular('dog', 'animal'), regular('cat', 'animal'), regular('bird', 'animal'), regular('horse', 'animal'),
  regular('goat', 'animal'), regular('cow', 'animal'), regular('bear', 'animal'), regular('lion', 'animal'),
  regular('snake', 'animal'), regular('rabbit', 'animal'), noun('fox', 'foxes', 'animal'),
  noun('wolf', 'wolves', 'animal'), noun('mouse', 'mice', 'animal'), noun('goose', 'geese', 'animal'),
  regular('apple', 'food'), regular('egg', 'food'), regular('cake', 'food'), regular('pear', 'food'),
  regular('plum', 'food'), regular('onion', 'food'), regular('nut', 'food'), regular('carrot', 'food'),
  noun('cherry', 'cherries', 'food'), noun('potato', 'potatoes', 'food'),
  regular('book', 'artifact'), regular('boat', 'artifact'), regular('cup', 'artifact'), regular('letter', 'artifact'),
  regular('basket', 'artifact'), regular('drum', 'artifact'), regular('key', 'artifact'), regular('rope', 'artifact'),
  regular('hat', 'artifact'), regular('lamp', 'artifact'), noun('knife', 'knives', 'artifact'),
  noun('box', 'boxes', 'artifact'),
  regular('village', 'place'), regular('field', 'place'), regular('river', 'place'), regular('hill', 'place'),
  regular('garden', 'place'), regular('bridge', 'place'), regular('market', 'place'), regular('road', 'place'),
  noun('city', 'cities', 'place'),
  regular('tree', 'nature'), regular('stone', 'nature'), regular('flower', 'nature'), noun('leaf', 'leaves', 'nature'),
  regular('star', 'nature'), regular('cloud', 'nature'), regular('shell', 'nature'), regular('feather', 'nature'),
];

const ANIMATE: readonly NounClass[] = ['person', 'animal'];
const THINGS: readonly NounClass[] = ['food', 'artifact', 'nature'];
const ANYTHING = NOUN_CLASSES;

const verb = (lemma: string, s3: string, past: string, subject: readonly NounClass[], object?: readonly NounClass[]): EnglishVerb =>
  object ? { lemma, s3, past, subject, object } : { lemma, s3, past, subject };

export const ENGLISH_VERBS: readonly EnglishVerb[] = [
  verb('sleep', 'sleeps', 'slept', ANIMATE),
  verb('run', 'runs', 'ran', ANIMATE),
  verb('walk', 'walks', 'walked', ANIMATE),
  verb('swim', 'swims', 'swam', ANIMATE),
  verb('laugh', 'laughs', 'laughed', ['person']),
  verb('dance', 'dances', 'danced', ['person']),
  verb('sing', 'sings', 'sang', ['person']),
  verb('cry', 'cries', 'cried', ['person']),
  verb('wait', 'waits', 'waited', ANIMATE),
  verb('see', 'sees', 'saw', ANIMATE, ANYTHING),
  verb('find', 'finds', 'found', ANIMATE, ANYTHING),
  verb('watch', 'watches', 'watched', ANIMATE, ANYTHING),
  verb('carry', 'carries', 'carried', ANIMATE, THINGS),
  verb('eat', 'eats', 'ate', ANIMATE, ['food']),
  verb('make', 'makes', 'made', ['person'], ['food', 'artifact']),
  verb('love', 'loves', 'loved', ['person'], ANYTHING),
  verb('help', 'helps', 'helped', ['person'], ANIMATE),
  verb('follow', 'follows', 'followed', ANIMATE, ANIMATE),
  verb('call', 'calls', 'called', ['person'], ANIMATE),
  verb('hear', 'hears', 'heard', ANIMATE, ['person', 'animal', 'artifact']),
  verb('take', 'takes', 'took', ['person'], THINGS),
  verb('bring', 'brings', 'brought', ANIMATE, THINGS),
  verb('catch', 'catches', 'caught', ANIMATE, ['animal', 'artifact']),
  verb('buy', 'buys', 'bought', ['person'], ['animal', 'food', 'artifact']),
  verb('sell', 'sells', 'sold', ['person'], ['animal', 'food', 'artifact']),
  verb('know', 'knows', 'knew', ['person'], ['person', 'place']),
  verb('meet', 'meets', 'met', ['person'], ['person']),
  verb('teach', 'teaches', 'taught', ['person'], ANIMATE),
  verb('feed', 'feeds', 'fed', ['person'], ANIMATE),
  verb('wash', 'washes', 'washed', ['person'], ['person', 'animal', 'food', 'artifact']),
  verb('chase', 'chases', 'chased', ANIMATE, ANIMATE),
  verb('visit', 'visits', 'visited', ['person'], ['person', 'place']),
  verb('cross', 'crosses', 'crossed', ANIMATE, ['place']),
  verb('draw', 'draws', 'drew', ['person'], ANYTHING),
];

const adjective = (lemma: string, classes: readonly NounClass[]): EnglishAdjective => ({ lemma, classes });

export const ENGLISH_ADJECTIVES: readonly EnglishAdjective[] = [
  adjective('big', ANYTHING), adjective('small', ANYTHING), adjective('old', ANYTHING),
  adjective('beautiful', ANYTHING), adjective('young', ANIMATE), adjective('happy', ANIMATE),
  adjective('hungry', ANIMATE), adjective('strong', ANIMATE), adjective('brave', ANIMATE),
  adjective('clever', ANIMATE), adjective('sick', ANIMATE), adjective('quick', ANIMATE),
  adjective('red', ['animal', 'food', 'artifact', 'nature']), adjective('black', ['animal', 'artifact', 'nature']),
  adjective('white', ['animal', 'food', 'artifact', 'nature']), adjective('heavy', ['food', 'artifact', 'nature']),
  adjective('sweet', ['food']), adjective('green', ['food', 'place', 'nature']), adjective('new', ['artifact', 'place']),
  adjective('quiet', ['person', 'animal', 'place']), adjective('long', ['animal', 'artifact', 'place']),
  adjective('tall', ['person', 'animal', 'nature']),
];

export const ENGLISH_NUMERALS: ReadonlyArray<{ lemma: string; value: number }> = [
  { lemma: 'two', value: 2 },
  { lemma: 'three', value: 3 },
  { lemma: 'four', value: 4 },
  { lemma: 'five', value: 5 },
  { lemma: 'six', value: 6 },
];

/** "you all" keeps the second person plural apart from the singular, which English spells the same. */
export const ENGLISH_PRONOUNS: readonly EnglishPronoun[] = [
  { lemma: 'I', object: 'me', person: 1, number: 'singular' },
  { lemma: 'you', object: 'you', person: 2, number: 'singular' },
  { lemma: 'he', object: 'him', person: 3, number: 'singular' },
  { lemma: 'she', object: 'her', person: 3, number: 'singular' },
  { lemma: 'we', object: 'us', person: 1, number: 'plural' },
  { lemma: 'you all', object: 'you all', person: 2, number: 'plural' },
  { lemma: 'they', object: 'them', person: 3, number: 'plural' },
];

/** Pronouns stand for people, so verbs take them where they take a person. */
export const PRONOUN_CLASS: NounClass = 'person';

/** English words the sentences use besides the lexicon, which constructed words must not look like. */
export const ENGLISH_FUNCTION_WORDS: readonly string[] = [
  'a', 'an', 'the', 'not', 'do', 'does', 'did', 'will', 'all', 'i', 'me', 'you', 'he', 'him', 'she', 'her', 'we',
  'us', 'they', 'them', 'it', 'is', 'am', 'are', 'was', 'be', 'to', 'of', 'in', 'on', 'at', 'by', 'and', 'or', 'no',
  'so', 'if', 'as', 'up', 'my', 'go', 'oh', 'ok',
];
