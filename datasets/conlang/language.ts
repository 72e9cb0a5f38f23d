/** The structured description of a constructed language, from which its sentences and its grammar book are written. */

export type WordOrder = 'SOV' | 'SVO' | 'VSO';
export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'numeral' | 'pronoun' | 'article' | 'particle';
/** Word classes that take affixes. */
export type InflectedPos = 'noun' | 'verb' | 'adjective' | 'pronoun';
export type PhraseSlot = 'numeral' | 'adjective' | 'noun' | 'article';
export type AffixSlot = 'number' | 'case' | 'definiteness' | 'tense' | 'negation' | 'agreement';
export type AgreementGloss = '1SG' | '2SG' | '3SG' | '1PL' | '2PL' | '3PL';
export type TenseGloss = 'PST' | 'PRS' | 'FUT';
/** Leipzig glossing abbreviations, which the book also uses. */
export type Gloss = 'PL' | 'ACC' | 'DEF' | TenseGloss | 'NEG' | AgreementGloss;
export type Negation = 'particle-before' | 'particle-after' | 'affix';
export type SyllableShape = 'CV' | 'CVC' | 'V';

export const AGREEMENT_GLOSSES: readonly AgreementGloss[] = ['1SG', '2SG', '3SG', '1PL', '2PL', '3PL'];
export const TENSE_GLOSSES: readonly TenseGloss[] = ['PST', 'PRS', 'FUT'];

export const SLOT_OF_GLOSS: Readonly<Record<Gloss, AffixSlot>> = {
  PL: 'number',
  ACC: 'case',
  DEF: 'definiteness',
  PST: 'tense',
  PRS: 'tense',
  FUT: 'tense',
  NEG: 'negation',
  '1SG': 'agreement',
  '2SG': 'agreement',
  '3SG': 'agreement',
  '1PL': 'agreement',
  '2PL': 'agreement',
  '3PL': 'agreement',
};

export interface Phonology {
  consonants: string[];
  vowels: string[];
  /** Consonants that may close a syllable (CVC). */
  codas: string[];
  shapes: SyllableShape[];
  /** Inserted where a vowel-final morpheme meets a vowel-initial one. */
  linkingConsonant: string;
}

/** `form` is '' for a zero affix (a feature marked by the absence of any affix). */
export interface Affix {
  gloss: Gloss;
  form: string;
  position: 'prefix' | 'suffix';
}

/** `english` is the lexeme's id in the English pool ("dog", "you all"), "the" for the article, "not" for negation. */
export interface Lexeme {
  form: string;
  pos: PartOfSpeech;
  english: string;
}

export interface ConLanguage {
  code: string;
  name: string;
  split: 'train' | 'eval';
  phonology: Phonology;
  lexicon: Lexeme[];
  wordOrder: WordOrder;
  /** Left to right; 'article' only when definiteness is an article. */
  nounPhraseOrder: PhraseSlot[];
  affixes: Affix[];
  /** Per word class, the slots its affixes fill, from the stem outwards. */
  affixOrder: Record<InflectedPos, AffixSlot[]>;
  /** Objects (nouns and pronouns) take ACC; otherwise word order alone tells subject from object. */
  caseMarking: boolean;
  /** Adjectives take PL in a plural noun phrase, ACC in an object. */
  adjectiveAgreement: { number: boolean; case: boolean };
  /** Whether a noun counted by a numeral still takes PL. */
  pluralAfterNumeral: boolean;
  definiteness: 'article' | 'affix';
  negation: Negation;
}

export function affixOf(language: ConLanguage, gloss: Gloss): Affix {
  const affix = language.affixes.find((a) => a.gloss === gloss);
  if (!affix) throw new Error(`language ${language.code} has no ${gloss} affix`);
  return affix;
}

export function lexemeOf(language: ConLanguage, pos: PartOfSpeech, english: string): Lexeme {
  const lexeme = language.lexicon.find((l) => l.pos === pos && l.english === english);
  if (!lexeme) throw new Error(`language ${language.code} has no ${pos} "${english}"`);
  return lexeme;
}

export function lexemesOf(language: ConLanguage, pos: PartOfSpeech): Lexeme[] {
  return language.lexicon.filter((l) => l.pos === pos);
}
